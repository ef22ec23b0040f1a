package io.drrunbooks.runbook;

import io.drrunbooks.testsupport.PostgreSql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every path of registry-corruption again, with the engine and the service's tables on PostgreSQL. */
class RegistryCorruptionOnPostgreSqlTest extends RegistryCorruptionRunbookTest {

    static final String URL = PostgreSql.freshSchemaUrl("dr_process");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("dr.test.database", () -> URL);
        registry.add("spring.datasource.username", () -> PostgreSql.USER);
    }
}
