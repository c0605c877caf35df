/**
 * The admin REST API under {@code /api/admin/**}: nodes with their load, rooms, peers with their tracks, kicking a
 * peer and closing a room (by calling the owning media node's internal API), and a proxy to a node's overlay view.
 * Every request needs {@code Authorization: Bearer <mediamesh.gateway.admin-secret>}; every answer, including errors,
 * is the JSON envelope {@code {status, error?, data?}}. Documented by OpenAPI at {@code /v3/api-docs} with Swagger UI
 * at {@code /swagger-ui.html}. Handlers never block an event loop: cluster reads run on bounded-elastic threads.
 */
package io.mediamesh.gateway.admin;
