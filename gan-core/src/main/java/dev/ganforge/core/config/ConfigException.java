package dev.ganforge.core.config;

import dev.ganforge.core.GanForgeException;
import java.util.List;

/** A config that cannot be used, with every problem found in it. */
public final class ConfigException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(format(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file (or other source) the config came from. */
  public String source() {
    return source;
  }

  /** Every problem, in document order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(String source, List<ConfigProblem> problems) {
    StringBuilder message = new StringBuilder(source).append(" has ").append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (ConfigProblem problem : problems) {
      message.append("\n  - ").append(problem.toString().replace("\n", "\n    "));
    }
    return message.toString();
  }
}
