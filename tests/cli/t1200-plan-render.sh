#!/usr/bin/env bash
# koers plan render: the plan document, checked against golden files and HTML5.
. "$(dirname "$0")/lib.sh"
GOLDEN=$TESTDATA/plan/render
SECTIONS="organisation research goals people strategy support content execution community measure budget integration crisis optimisation"

for example in fietsen-nl airline-en; do
	test_expect_success "render $example in html and md, nl and en, as the golden files" "
		rm -f koers.db* && koers plan import \"\$EXAMPLES/$example.yaml\" >/dev/null &&
		for lang in nl en; do
			for format in html md; do
				koers plan render --lang \$lang --format \$format -o $example.\$lang.\$format &&
				test_golden \"\$GOLDEN/$example.\$lang.\$format\" $example.\$lang.\$format || exit 1
			done
		done
	"
	test_expect_success "$example: valid, self-contained HTML5 with every section" "
		\"\$TOP/tests/cli/check-html5\" $example.nl.html $example.en.html &&
		for id in \$SECTIONS; do grep -q \"<h2 id=\\\"\$id\\\">\" $example.nl.html || { echo missing \$id; exit 1; }; done
	"
done
test_expect_success 'the Dutch example in Dutch: lang, headings, numbers' '
	grep -q "<html lang=\"nl\">" fietsen-nl.nl.html &&
	grep -q "<h2 id=\"research\">1. Online onderzoek</h2>" fietsen-nl.nl.html &&
	grep -q "<td class=\"r\">€ [0-9]*\.[0-9][0-9][0-9]</td>" fietsen-nl.nl.html &&
	grep -q "<td class=\"r\">€[0-9]*,[0-9][0-9][0-9]</td>" fietsen-nl.en.html &&
	grep -q "Risicomatrix" fietsen-nl.nl.html
'
test_expect_success 'without --lang the document speaks the language of the plan' '
	koers plan render -o default.html && grep -q "<html lang=\"en\">" default.html &&
	rm -f koers.db* && koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers plan render -o default.html && grep -q "<html lang=\"nl\">" default.html
'
test_expect_success 'HTML is escaped: markup in the plan stays text' '
	rm -f koers.db* &&
	printf "koers: 1\norganisation:\n  name: \"<script>alert(1)</script> & Co\"\n" >x.yaml &&
	koers plan import x.yaml >/dev/null && koers plan render -o x.html &&
	! grep -q "<script>" x.html && grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" x.html &&
	"$TOP/tests/cli/check-html5" x.html
'
test_expect_success 'an unknown format is a usage error' '
	test_exit 2 koers plan render --format pdf
'
