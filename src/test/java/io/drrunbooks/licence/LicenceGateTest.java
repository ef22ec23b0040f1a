package io.drrunbooks.licence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The licence gate. Zeebe's broker, engine and test artifacts are under the Zeebe Community License
 * or the Camunda License, not open-source licences: none may be in the build, in any scope. Part one
 * is the enforcer's banned coordinates in the POM (proven here by adding Zeebe Process Test to a copy
 * of it); part two is {@link LicenceNames}, which the build runs on the test classpath (every scope
 * it resolves) and which is checked here on the same classpath.
 */
class LicenceGateTest {

    @Test
    void noDependencyInAnyScopeIsUnderAVendorLicence() throws Exception {
        Map<String, List<String>> licencesByJar = LicenceNames.ofClasspath(System.getProperty("java.class.path"));
        assertThat(licencesByJar).as("the walker reads the licences of the Camunda client")
                .hasEntrySatisfying("camunda-client-java-8.8.14.jar", names -> assertThat(names).contains("Apache License, Version 2.0"));
        assertThat(licencesByJar).as("the model API the lint uses, from its parent POM")
                .hasEntrySatisfying("zeebe-bpmn-model-8.8.14.jar", names -> assertThat(names).isNotEmpty());
        assertThat(LicenceNames.vendorLicensed(licencesByJar)).as("dependencies under a vendor licence").isEmpty();
    }

    @Test
    void theRuleRecognisesTheVendorLicenceNames() {
        assertThat(LicenceNames.VENDOR_LICENCE.asPredicate()).accepts("Zeebe Community License Version 1.1", "Camunda License 1.0",
                "Camunda License Version 1.0").rejects("Apache License, Version 2.0", "The MIT License");
    }

    @Test
    void theBuildsLicenceNameCheckFailsOnAJarWhoseParentPomNamesAVendorLicence(@TempDir Path repository) throws Exception {
        // a local repository with one jar whose own POM names no licence, and whose parent names the vendor's
        Path jar = artifact(repository, "com.example.engine", "engine-core", "1.0",
                "<parent><groupId>com.example.engine</groupId><artifactId>engine-parent</artifactId><version>1.0</version></parent>");
        artifact(repository, "com.example.engine", "engine-parent", "1.0",
                "<licenses><license><name>Zeebe Community License Version 1.1</name></license></licenses>");
        Files.write(jar, new byte[0]);

        // LicenceNames as the build runs it (exec, phase process-test-classes), on a classpath holding that jar
        String classpath = Path.of(LicenceNames.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator + jar;
        Process walk = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", classpath, LicenceNames.class.getName()).redirectErrorStream(true).start();
        String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(walk.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(walk.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("engine-core-1.0.jar: Zeebe Community License Version 1.1");
    }

    /** A POM (with that inner XML) in a Maven repository layout; returns where its jar goes. */
    private static Path artifact(Path repository, String groupId, String artifactId, String version, String inner) throws Exception {
        Path dir = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(artifactId + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + inner + "<groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
                + "</version></project>");
        return dir.resolve(artifactId + "-" + version + ".jar");
    }

    @Test
    void theBuildFailsWhenZeebeProcessTestIsAdded(@TempDir Path copy) throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        int end = pom.lastIndexOf("</dependencies>");
        Files.writeString(copy.resolve("pom.xml"), pom.substring(0, end)
                + "  <dependency><groupId>io.camunda</groupId><artifactId>zeebe-process-test-extension</artifactId>"
                + "<version>8.8.14</version><scope>test</scope></dependency>\n  " + pom.substring(end));

        Process maven = new ProcessBuilder("mvn", "-o", "-B", "-q", "validate").directory(copy.toFile())
                .redirectErrorStream(true).start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(maven.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(maven.exitValue()).as(output).isNotZero();
        assertThat(output).contains("BannedDependencies").contains("io.camunda:zeebe-process-test-extension");
    }
}
