/**
 * Shapes of the public HTTP API that more than one service returns. Immutable records; they carry Jackson
 * annotations only, so this module does not depend on a particular Jackson major version.
 */
package io.mediamesh.model.api;
