/**
 * The built-in layers. Each is one class named after the layer, holding its config record and its
 * {@code @AutoService} provider; stock layers map onto DL4J's own.
 */
package dev.ganforge.layers;
