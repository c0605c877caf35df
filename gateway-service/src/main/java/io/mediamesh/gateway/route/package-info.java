/**
 * Custom Spring Cloud Gateway filters used by the routes declared in {@code application.yml}. Filters are stateless
 * and run on the Reactor Netty event loop of their exchange.
 */
package io.mediamesh.gateway.route;
