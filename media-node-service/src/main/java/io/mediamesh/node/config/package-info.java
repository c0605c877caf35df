/** The media node's settings ({@code mediamesh.node.*}, each also an environment variable) and the beans built from them. */
package io.mediamesh.node.config;
