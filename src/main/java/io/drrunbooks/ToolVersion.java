package io.drrunbooks;

/** This tool's version, as written into backup manifests. */
public final class ToolVersion {

    private ToolVersion() {
    }

    public static String get() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return "dr-runbooks " + (version == null ? "dev" : version);
    }
}
