package io.drrunbooks.licence;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The licence gate, part two: the licence names in the POMs of every jar on a classpath, each read
 * from its POM in the local repository or the nearest parent POM that names some, checked against the
 * vendor licences (Zeebe Community License, Camunda License). The build runs {@link #main} on the test
 * classpath, which holds every scope it resolves, in the phase {@code process-test-classes}, so the
 * check is part of every build that compiles the tests, {@code -DskipTests} or not; LicenceGateTest
 * checks the walker itself.
 */
final class LicenceNames {

    static final Pattern VENDOR_LICENCE = Pattern.compile("zeebe community licen[cs]e|camunda licen[cs]e",
            Pattern.CASE_INSENSITIVE);

    private LicenceNames() {
    }

    /** Exits 1, naming each jar and licence, when a jar on this JVM's classpath is under a vendor licence. */
    public static void main(String[] args) throws Exception {
        Map<String, List<String>> licencesByJar = ofClasspath(System.getProperty("java.class.path"));
        List<String> vendor = vendorLicensed(licencesByJar);
        if (!vendor.isEmpty()) {
            System.err.println("Licence gate: dependencies under a vendor licence (Zeebe Community License or Camunda"
                    + " License), not allowed in any scope; see README, \"Why not Zeebe Process Test\":");
            vendor.forEach(found -> System.err.println("  " + found));
            System.exit(1);
        }
        System.out.println("Licence gate: the POMs of " + licencesByJar.size() + " jars name no vendor licence");
    }

    /** The licence names of each jar on the classpath, by file name. */
    static Map<String, List<String>> ofClasspath(String classpath) throws Exception {
        Map<String, List<String>> licencesByJar = new TreeMap<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                licencesByJar.put(jar.getFileName().toString(), licences(jar));
            }
        }
        return licencesByJar;
    }

    /** "jar: licence name" for every vendor licence named. */
    static List<String> vendorLicensed(Map<String, List<String>> licencesByJar) {
        List<String> vendor = new ArrayList<>();
        licencesByJar.forEach((jar, names) -> names.stream().filter(VENDOR_LICENCE.asPredicate())
                .forEach(name -> vendor.add(jar + ": " + name)));
        return vendor;
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
