/**
 * Strict config mapping: {@link dev.ganforge.core.config.ConfigMapper} reads YAML/JSON into the
 * {@link dev.ganforge.core.config.GanConfig} records and reports every problem at once, with its path,
 * the bad value and the known options.
 */
package dev.ganforge.core.config;
