package io.drrunbooks.cli;

/** A count with its noun as the command line prints it: "1 file", "2 files", "1 of 1 audit chain". */
final class Counted {

    private Counted() {
    }

    static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
