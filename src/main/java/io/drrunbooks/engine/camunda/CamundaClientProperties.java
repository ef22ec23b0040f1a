package io.drrunbooks.engine.camunda;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * {@code camunda.client.*}: the names the Camunda Spring Boot starter uses, so a deployment's
 * settings read the same; bound here because the service builds the plain client itself (the
 * starter's autoconfiguration would connect even while the embedded engine runs).
 *
 * Defaults are in application.yaml.
 *
 * @param restAddress the orchestration cluster's REST API ({@code http://camunda:8080})
 * @param grpcAddress the Zeebe gateway's gRPC endpoint ({@code http://camunda:26500})
 * @param preferRestOverGrpc send every command the REST API supports over REST; jobs are then activated
 *                           by polling {@code /v2/jobs/activation}, and only the REST port needs to be open
 * @param auth how the client authenticates; none when {@code auth.method} is empty
 */
@ConfigurationProperties("camunda.client")
record CamundaClientProperties(URI restAddress, URI grpcAddress, boolean preferRestOverGrpc, Auth auth) {

    CamundaClientProperties {
        auth = auth == null ? new Auth(null, null, null, null, null, null, null) : auth;
    }

    /**
     * @param method {@code basic} (username, password) or {@code oidc} (client id and secret, token URL,
     *               audience); empty for a cluster without authentication
     */
    record Auth(String method, String username, String password, String clientId, String clientSecret,
                String tokenUrl, String audience) {
    }
}
