package io.drrunbooks.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded H2 file database, kept from the other local users. {@code AUTO_SERVER} stays, so the command line
 * can open the file while the service holds it, but its listener is bound to the loopback only, and every
 * connection, through the file or the socket, needs a password generated once into {@value #PASSWORD_FILE}
 * beside the database. The database's directory (and the home above it, when this creates it) is owner-only
 * (0700), the files in it 0600: the lock file names the listener's port and key, the data file holds the trail.
 */
public final class EmbeddedDatabase {

    public static final String USER = "sa";
    static final String PASSWORD_FILE = "dr.password";
    private static final String FILE_URL = "jdbc:h2:file:";
    private static final String DATA_FILE_SUFFIX = ".mv.db";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private EmbeddedDatabase() {
    }

    /**
     * H2 reads {@code h2.bindAddress} once, when it first opens a socket, and otherwise listens on every interface.
     * An explicit setting is left as it is.
     */
    public static void listenOnLoopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** Creates a directory missing (with its missing parents) owner-only; one that exists is left as it is. */
    public static void createOwnerOnly(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The database of an {@code jdbc:h2:file:} URL ({@code <dr.home>/db/dr}), or empty for any other database. */
    public static Optional<Path> of(String url) {
        if (url == null || !url.startsWith(FILE_URL)) {
            return Optional.empty();
        }
        String path = url.substring(FILE_URL.length());
        int settings = path.indexOf(';');
        return Optional.of(Path.of(settings < 0 ? path : path.substring(0, settings)).toAbsolutePath().normalize());
    }

    /**
     * Makes the database's directory owner-only, gives the database its password (generated on first use; a
     * database created before it had none and gets it now) and its files mode 0600. Returns the password.
     */
    public static String prepare(Path database) {
        Path directory = database.getParent();
        createOwnerOnly(directory);
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Path passwordFile = directory.resolve(PASSWORD_FILE);
            String password = Files.exists(passwordFile) ? read(passwordFile) : generate(passwordFile, database);
            if (!Files.exists(dataFile(database))) {
                connect(database, password).close(); // created now, so that its files get their modes below
            }
            restrictFiles(database);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database directory " + directory + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every file beside the database mode 0600. H2 creates its files with the process's umask, and the lock file
     * anew each time it opens the database: called again once the database is open.
     */
    public static void restrictFiles(Path database) {
        try (Stream<Path> files = Files.list(database.getParent())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the files of " + database + ": " + e.getMessage(), e);
        }
    }

    /** The password of a prepared database. */
    public static String password(Path database) {
        try {
            return read(database.resolveSibling(PASSWORD_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path passwordFile) throws IOException {
        return Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
    }

    /**
     * Two processes preparing one new database must end with one password: it is written to a private temporary
     * file and linked into place only if none is there yet; the loser reads the winner's.
     */
    private static String generate(Path passwordFile, Path database) throws IOException, SQLException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path temporary = Files.createTempFile(passwordFile.getParent(), "." + PASSWORD_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
            Files.createLink(passwordFile, temporary);
        } catch (FileAlreadyExistsException lostTheRace) {
            return read(passwordFile);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (Files.exists(dataFile(database))) {
            setOnExistingDatabase(database, password, passwordFile);
        }
        return password;
    }

    /** A database written before this version has the empty password, which every local user could use. */
    private static void setOnExistingDatabase(Path database, String password, Path passwordFile) throws IOException {
        try (Connection connection = connect(database, "")) {
            // hex digits only, so the literal needs no escaping (DDL takes no parameters)
            connection.createStatement().execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
        } catch (SQLException e) {
            Files.deleteIfExists(passwordFile);
            throw new IllegalStateException("the database " + database + " has a password, but " + passwordFile
                    + " which holds it is missing: put it back (one line)", e);
        }
    }

    private static Connection connect(Path database, String password) throws SQLException {
        return DriverManager.getConnection(FILE_URL + database + ";AUTO_SERVER=TRUE", USER, password);
    }

    private static Path dataFile(Path database) {
        return database.resolveSibling(database.getFileName() + DATA_FILE_SUFFIX);
    }
}
