/**
 * The built-in losses and regularizers. Each technique is one class named after it, holding its config
 * record and its {@code @AutoService} provider.
 */
package dev.ganforge.losses;
