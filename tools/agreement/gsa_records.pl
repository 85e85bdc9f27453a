#!/usr/bin/perl
# Reads one US address a line on standard input and prints, for each, the record Perl's
# Geo::StreetAddress::US (1.04) makes of it through its own parse_location and normalize_address: the
# fields number, prefix, street, type, suffix, sec_unit_type, sec_unit_num, city, state and zip, tab
# separated, upper-cased, an absent field empty; then the designator's class (see below). A line the
# module cannot parse prints a single "-". Called once for all pairs by tools/agreement/addresses.py
# --reference gsa; see its docstring for how to get the module.
#
# The module leaves a unit designator as it was written ("Apartment", "Apt"; its source says "TODO map to
# standard names/abbreviations"). So that a written-out designator and its abbreviation can be compared
# through the module's own reading, the last field names the alternative of the module's own
# sec_unit_type pattern ($Addr_Match{sec_unit_type_numbered} and _unnumbered, copied below in its order)
# that the designator matches in full, or "#" for the module's "#" branch.
use strict;
use warnings;
use Geo::StreetAddress::US;

my @designators = (
    qr/su?i?te/i, qr/p\W*[om]\W*b(?:ox)?/i, qr/(?:ap|dep)(?:ar)?t(?:me?nt)?/i, qr/ro*m/i, qr/flo*r?/i,
    qr/uni?t/i, qr/bu?i?ldi?n?g/i, qr/ha?nga?r/i, qr/lo?t/i, qr/pier/i, qr/slip/i, qr/spa?ce?/i, qr/stop/i,
    qr/tra?i?le?r/i, qr/box/i, qr/ba?se?me?n?t/i, qr/fro?nt/i, qr/lo?bby/i, qr/lowe?r/i, qr/off?i?ce?/i,
    qr/pe?n?t?ho?u?s?e?/i, qr/rear/i, qr/side/i, qr/uppe?r/i,
);
my @fields = qw(number prefix street type suffix sec_unit_type sec_unit_num city state zip);

binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
while (my $line = <STDIN>) {
    chomp $line;
    my $r = Geo::StreetAddress::US->parse_location($line);
    if (!$r) {
        print "-\n";
        next;
    }
    my @out = map { defined $r->{$_} ? uc $r->{$_} : '' } @fields;
    s/\s+/ /g for @out;
    my $class = '';
    if (defined $r->{sec_unit_type} && $r->{sec_unit_type} ne '') {
        my $d = $r->{sec_unit_type};
        $class = $d eq '#' ? '#' : '?';
        for my $i (0 .. $#designators) {
            if ($d =~ /^(?:$designators[$i])$/) {
                $class = "alt$i";
                last;
            }
        }
    }
    print join("\t", @out, $class), "\n";
}
