package dev.ganforge.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API element that exists for a technique still being built (graph-shaped networks, feature
 * matching, progressive growing, ...). It may change in a minor release; the change is noted in the
 * release notes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
    ElementType.RECORD_COMPONENT})
public @interface Experimental {}
