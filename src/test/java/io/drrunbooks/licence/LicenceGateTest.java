package io.drrunbooks.licence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The licence gate. Zeebe's broker, engine and test artifacts are under the Zeebe Community License
 * or the Camunda License, not open-source licences: none may be in the build, in any scope. Part one
 * is the enforcer's banned coordinates in the POM (proven here by adding Zeebe Process Test to a copy
 * of it); part two reads the licence names in the POMs of every jar on the test classpath (which holds
 * every scope the build resolves), following parents, and fails on a vendor licence.
 */
class LicenceGateTest {

    private static final Pattern VENDOR_LICENCE = Pattern.compile("zeebe community licen[cs]e|camunda licen[cs]e",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noDependencyInAnyScopeIsUnderAVendorLicence() throws Exception {
        Map<String, List<String>> licencesByJar = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                licencesByJar.put(jar.getFileName().toString(), licences(jar));
            }
        }
        assertThat(licencesByJar).as("the walker reads the licences of the Camunda client")
                .hasEntrySatisfying("camunda-client-java-8.8.14.jar", names -> assertThat(names).contains("Apache License, Version 2.0"));
        assertThat(licencesByJar).as("the model API the lint uses, from its parent POM")
                .hasEntrySatisfying("zeebe-bpmn-model-8.8.14.jar", names -> assertThat(names).isNotEmpty());
        List<String> vendor = new ArrayList<>();
        licencesByJar.forEach((jar, names) -> names.stream().filter(VENDOR_LICENCE.asPredicate())
                .forEach(name -> vendor.add(jar + ": " + name)));
        assertThat(vendor).as("dependencies under a vendor licence").isEmpty();
    }

    @Test
    void theRuleRecognisesTheVendorLicenceNames() {
        assertThat(VENDOR_LICENCE.asPredicate()).accepts("Zeebe Community License Version 1.1", "Camunda License 1.0",
                "Camunda License Version 1.0").rejects("Apache License, Version 2.0", "The MIT License");
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

    /** The licence names of a jar in the local repository, from its POM or the nearest parent that names some. */
    private static List<String> licences(Path jar) throws Exception {
        Path versionDir = jar.getParent();
        Path pom = versionDir.resolve(versionDir.getParent().getFileName() + "-" + versionDir.getFileName() + ".pom");
        while (Files.isRegularFile(pom)) {
            Document document = parse(pom);
            List<String> names = new ArrayList<>();
            NodeList licences = document.getElementsByTagName("license");
            for (int i = 0; i < licences.getLength(); i++) {
                child((Element) licences.item(i), "name").ifPresent(names::add);
            }
            if (!names.isEmpty()) {
                return names;
            }
            Optional<Path> parent = parentPom(document, pom);
            if (parent.isEmpty()) {
                break;
            }
            pom = parent.get();
        }
        return List.of();
    }

    private static Optional<Path> parentPom(Document document, Path pom) {
        Element project = document.getDocumentElement();
        NodeList parents = project.getElementsByTagName("parent");
        if (parents.getLength() == 0) {
            return Optional.empty();
        }
        Element parent = (Element) parents.item(0);
        String groupId = child(parent, "groupId").orElseThrow();
        String artifactId = child(parent, "artifactId").orElseThrow();
        String version = child(parent, "version").orElseThrow();
        String ownGroup = child(project, "groupId").orElse(groupId);
        Path root = pom.getParent().getParent().getParent();
        for (int i = 1; i < ownGroup.split("\\.").length; i++) {
            root = root.getParent();
        }
        root = root.getParent();
        return Optional.of(root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".pom"));
    }

    private static Optional<String> child(Element element, String name) {
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                return Optional.of(child.getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }
}
