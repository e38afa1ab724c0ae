/**
 * Plugin discovery: {@link dev.ganforge.core.plugin.PluginLoader} finds providers with
 * {@link java.util.ServiceLoader} on the classpath and in plugin directories (one class loader per
 * plugin, API packages parent-first) and builds the immutable
 * {@link dev.ganforge.core.plugin.PluginRegistry}.
 */
package dev.ganforge.core.plugin;
