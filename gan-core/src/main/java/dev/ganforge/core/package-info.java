/**
 * GANForge core: plugin discovery and registry ({@link dev.ganforge.core.plugin}), strict configuration
 * mapping ({@link dev.ganforge.core.config}), Guice wiring ({@link dev.ganforge.core.inject}) and the
 * built-in training schedules ({@link dev.ganforge.core.schedule}). Core never imports the built-in plugin
 * modules: they are found at run time like any third-party plugin.
 */
package dev.ganforge.core;
