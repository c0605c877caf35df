package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Without a cluster the admin API still checks its secret (the cluster secret by default) and then says why not. */
class AdminApiDisabledTest extends GatewayTestBase {

    @Test
    void adminSecretDefaultsToTheClusterSecretAndTheApiExplainsItIsOff() {
        client.get().uri("/api/admin/nodes").exchange().expectStatus().isUnauthorized();

        client.get().uri("/api/admin/rooms").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(e -> assertThat((String) e).startsWith("CLUSTER_DISABLED"));
    }
}
