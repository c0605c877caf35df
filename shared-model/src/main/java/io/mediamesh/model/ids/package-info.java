/**
 * Validated identifiers shared by the gateway and the media nodes. Constructors throw {@link
 * java.lang.IllegalArgumentException} for invalid values, so a value that exists is always safe to log, hash and use
 * as a key. Immutable records.
 */
package io.mediamesh.model.ids;
