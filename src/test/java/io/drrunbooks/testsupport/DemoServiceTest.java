package io.drrunbooks.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * The service as the README's first command starts it: the demo profile, its sample target, first
 * backup set and demo users, in a temporary home. The demo tests share this one service, as a
 * newcomer's runs share theirs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
public abstract class DemoServiceTest {

    protected static final Path HOME = TestHomes.create("dr-demo-test");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dr.home", HOME::toString);
        TestHomes.withoutSchedules(registry);
    }
}
