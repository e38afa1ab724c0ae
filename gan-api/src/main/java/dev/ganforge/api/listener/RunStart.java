package dev.ganforge.api.listener;

import dev.ganforge.api.PublicApi;
import java.nio.file.Path;

/**
 * What a {@link RunListener} learns when training starts.
 *
 * @param directory the run directory
 * @param step iterations already completed (0 for a new run; the checkpoint's step on resume)
 * @param totalSteps the step training runs to
 */
@PublicApi
public record RunStart(Path directory, long step, long totalSteps) {}
