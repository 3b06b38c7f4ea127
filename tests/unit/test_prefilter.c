/* test_prefilter.c - what the prefilter derives from a pattern (literals,
 * span), and tables expanded as tries match what a flat alternation
 * matches; built with Vectorscan, the windows of every rule keyed on its
 * literals hold every position where it matches. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "prefilter.h"
#include "rules.h"
#include "scan.h"

static int has_literal(const fx_prefilter *f, const char *s)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->literals[i], s) == 0) return 1;
    return 0;
}

/* The common words of rules/ (prefilter.h), as factx loads them. */
static const fx_table *common(void)
{
    const fx_context *ctx = fx_fixture_context();
    return ctx ? fx_rules_table(ctx, FX_PREFILTER_COMMON_WORDS) : NULL;
}

static void check_lead(const char *pattern, int caseless, const char *literal, size_t lead)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    if (literal) CHECK(has_literal(&f, literal));
    else CHECK(f.count == 0);
    if (lead != f.lead) fprintf(stderr, "lead of %s: %zu\n", pattern, f.lead);
    CHECK(f.lead == lead);
    fx_prefilter_free(&f);
}

static void test_leads(void)
{
    check_lead("abc", 0, "abc", 0);
    check_lead("\\bfoo\\d{1,2}\\b", 0, "foo", 0);
    check_lead("(?<=x)ab(?=cd)", 0, "abcd", 0);                /* lookarounds consume nothing; "cd" follows "ab" */
    check_lead("pre\\Kpost", 0, "prepost", 0);                 /* from where the attempt starts */
    check_lead("\\d{1,3} ?(?:percent|per cent)", 0, "percent", 3 + 1);   /* \d: one byte */
    check_lead("(?:k|ab)\\d?xyz", 1, "xyz", 3 + 1);               /* caseless k: also KELVIN SIGN */
    check_lead("[a-z]+y", 0, "y", FX_PREFILTER_UNBOUNDED);
    /* without PCRE2_UCP \d, \w and \s are ASCII, caseless or not: a
     * byte each, as a class of theirs is; their complements, a letter and
     * a class with one past ASCII may take 4 */
    check_lead("\\d\\w\\s[\\d,]Quarter", 0, "Quarter", 4);
    check_lead("\\d\\w\\s[\\d,]Quarter", 1, "quarter", 4);
    check_lead("\\D\\W\\S\\p{L}[\\d\\p{L}]Quarter", 0, "Quarter", 5 * 4);
    check_lead("(?:Jan|February) \\d", 0, "Jan ", 0);
    check_lead("(?:\\d\\d:|at )noon", 0, "at noon", 2);   /* ":noon" too, from the ":": within the longer branch */
    /* crossed from a suffix of the part before (" " then the season):
     * they start where that suffix does, a byte before the part's end */
    check_lead("\\d{1,3} (?:spring|summer)", 0, " spring", 3);
    /* a DEFINE group matches nothing; a call requires nothing */
    check_lead("(?(DEFINE)(?<w>[A-Z][a-z]{0,5}))Mayor (?&w)", 0, "Mayor ", 0);
    check_lead("(?&w) Municipality(?(DEFINE)(?<w>\\p{Lu}\\p{Ll}+))", 0, " Municipality", FX_PREFILTER_UNBOUNDED);
    check_lead("a(?(1)b|c)", 0, NULL, FX_PREFILTER_UNBOUNDED);  /* other conditionals: not analysed */
    /* a back reference by name matches what its group can: date.numeric_ymd's
     * year keys it, its separator then within the year's bytes and one */
    check_lead("(?<![\\d.])(?:19|20)\\d\\d(?<sep>[./])\\d\\d?\\k<sep>\\d\\d?", 0, "19", 0);
    check_lead("(?<s>[./])\\d\\k{s}Quarter", 0, "Quarter", 1 + 1 + 3);   /* the group read caseless: 3 bytes */
    check_lead("(?<s>[a-z])\\k<t>Quarter", 0, "Quarter", FX_PREFILTER_UNBOUNDED);   /* no such group: any bytes */
    check_lead("(a)\\1Quarter", 0, NULL, FX_PREFILTER_UNBOUNDED);   /* by number: not analysed */
    /* a call spans at most what its group does: nothing for a zero-width
     * one (ORG_CUE_TOKEN's), a few bytes here, so the lead is bounded */
    fx_prefilter f;
    fx_prefilter_build("(?&t)(?&w)-owned(?(DEFINE)(?<t>(?<![^\\s]))(?<w>[A-Z][a-z]{1,3}))", 0, common(), &f);
    CHECK(has_literal(&f, "-owned") && f.lead >= 4 && f.lead <= 16);
    fx_prefilter_free(&f);
    check_lead("(?&t)-owned(?(DEFINE)(?<t>(?&t)x))", 0, "-owned", FX_PREFILTER_UNBOUNDED);   /* calls itself */
    /* an alternation of two sets of 130 strings each (a table's phrases,
     * with and without a space before them) still gives strings */
    char pattern[4096];
    size_t n = 0;
    n += (size_t)snprintf(pattern + n, sizeof pattern - n, "(?:");
    for (int side = 0; side < 2; side++) {
        n += (size_t)snprintf(pattern + n, sizeof pattern - n, "%s(?:", side ? "| " : "");
        for (int k = 0; k < 130; k++) n += (size_t)snprintf(pattern + n, sizeof pattern - n, "%sqx%03d", k ? "|" : "", k);
        n += (size_t)snprintf(pattern + n, sizeof pattern - n, ")");
    }
    snprintf(pattern + n, sizeof pattern - n, ")");
    check_lead(pattern, 0, "qx129", 0);
}

/* A literal keeps its case unless a letter of it comes from a caseless
 * part of the pattern. */
static void check_case(const char *pattern, int caseless, const char *literal, int exact)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    CHECK(has_literal(&f, literal));
    for (size_t i = 0; i < f.count; i++)
        if (strcmp(f.literals[i], literal) == 0) CHECK(f.exact[i] == exact);
    fx_prefilter_free(&f);
}

/* The need with the string s: as written or folded. */
static void check_need_case(const char *pattern, const char *s, int exact)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    int found = 0;
    for (size_t k = 0; k < f.need_count; k++)
        for (size_t i = 0; i < f.needs[k].count; i++)
            if (strcmp(f.needs[k].strings[i], s) == 0) {
                found = 1;
                CHECK(f.needs[k].exact == exact);
            }
    CHECK(found);
    fx_prefilter_free(&f);
}

static void check_literals(const char *pattern, int caseless, const char *const *want);

static void test_case(void)
{
    check_case("Ltd\\.", 0, "Ltd.", 1);
    check_case("[Tt]he Year", 0, "the Year", 1);
    check_case("Ltd\\.", 1, "ltd.", 0);
    check_case("(?i:ltd)\\. Group", 0, "ltd. group", 0);   /* a caseless letter in it: folded */
    check_case("(?i)Group", 0, "group", 0);
    /* the caseless part is not in the literal: as written */
    check_case("(?:(?i:late|early)[ -])?May", 0, "May", 1);
    check_case("(?i:late) ?[0-9]+ Ltd", 0, " Ltd", 1);
    check_case("(?:(?i:late) )?[Mm]ay", 0, "may", 0);   /* "May" and "may": one folded string */
    check_case("(?i:may)|May", 0, "may", 0);
    check_case("(?i:x)?[0-9]{4}-", 0, "-", 1);
    /* a need's strings: as written when each is */
    check_need_case("(?:March|May) [0-9]{1,2}, 20[0-9][0-9](?i: x)?", "May ", 1);
    check_need_case("(?:March|(?i:may)) [0-9]{1,2}, 20[0-9][0-9](?i: x)?", "may ", 0);
    check_need_case("(?i:x)?(?:March|May) [0-9]{1,2}, 20[0-9][0-9]", "march ", 0);   /* "xmarch " too */
    /* a caseless Latin letter past ASCII: its two forms, each a string */
    static const char *const accented[] = {"bol\u00edvares", "bol\u00cdvares", "bolivars", NULL};
    check_literals("(?i:bol(?:\u00edvares|ivars))", 0, accented);
    /* one that PCRE2 matches a third way too (ANGSTROM SIGN): any character */
    static const char *const angstrom[] = {"xy", NULL};
    check_literals("(?i:xy\u00e5z)", 0, angstrom);
}

/* ---- tables as tries --------------------------------------------------- */

static char dir[64];

static void write_file(const char *name, const char *content)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fputs(content, f);
    fclose(f);
}

/* The first match of pattern in text as "start-end", or "-". */
static void first_match(const char *pattern, uint32_t options, const char *text, char *out, size_t size)
{
    int error;
    PCRE2_SIZE at;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | options, &error, &at, NULL);
    snprintf(out, size, "-");
    if (!code) return;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    if (pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        snprintf(out, size, "%zu-%zu", (size_t)ov[0], (size_t)ov[1]);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
}

static void test_table_tries(void)
{
    snprintf(dir, sizeof dir, "/tmp/factx-test-trie-XXXXXX");
    if (!mkdtemp(dir)) return;
    /* keys that are prefixes of one another, a shared stem, a multi-byte
     * character, regex punctuation, and (second table) case variants */
    write_file("t.tsv", "key\n"
                        "B\nBank\nBanker\nBankside\nBank of China\nBa.\nBø\nBøge\nCity\nCity Hall\n(c)\n");
    write_file("v.tsv", "key\nCo\nCO\nCorp\n");
    write_file("test.rules", "table T t.tsv\n"
                             "table V v.tsv\n"
                             "rule t.word\n  type: org\n  pattern: {T}(?= x)\n"
                             "rule t.tail\n  type: org\n  pattern: {T}\n"
                             "rule t.case\n  type: org\n  flags: caseless\n  pattern: {V}(?= x)\n"
                             "rule t.exact\n  type: org\n  pattern: (?i:a|b)[(]?{V}(?= x)\n"
                             "rule t.inline\n  type: org\n  pattern: (?i)a(?:b{V})\n"
                             "rule t.back\n  type: org\n  flags: caseless\n  pattern: a(?-i:(?i)b|c){V}(?-i)(?:{V})\n");
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_context *ctx = fx_rules_load(dir, &diag);
    CHECK(ctx != NULL);
    if (ctx) {
        const fx_rule *word = fx_rules_find(ctx, "t.word"), *tail = fx_rules_find(ctx, "t.tail"),
                      *cased = fx_rules_find(ctx, "t.case");
        CHECK(word && tail && cased);
        if (word && tail && cased) {
            CHECK(strstr(tail->expanded, "Bank|") == NULL);   /* written as a trie, not flat */
            CHECK(strstr(cased->expanded, "Corp|CO|Co") != NULL);   /* case variants: flat, longest first */
            /* matched case-sensitively, they are a trie too; (?i) and
             * (?-i) to the end of their group, (?i:...) inside it */
            const fx_rule *exact = fx_rules_find(ctx, "t.exact"), *in = fx_rules_find(ctx, "t.inline"),
                          *back = fx_rules_find(ctx, "t.back");
            CHECK(exact && in && back);
            if (exact && in && back) {
                CHECK(strstr(exact->expanded, "(?:C(?:O|o(?:rp|)))") != NULL);
                CHECK(strstr(in->expanded, "Corp|CO|Co") != NULL);
                CHECK(strstr(back->expanded, "c)(?:Corp|CO|Co)") != NULL);
                CHECK(strstr(back->expanded, "(?:(?:C(?:O|o(?:rp|))))") != NULL);
                const char *cs_texts[] = {"aCorp x", "a(CO x", "b(Co x", "aco x", "aCORP x", "aCor x", "aC x"};
                for (size_t i = 0; i < sizeof cs_texts / sizeof *cs_texts; i++) {
                    char want[32], got[32];
                    first_match("(?i:a|b)[(]?(?:Corp|CO|Co)(?= x)", 0, cs_texts[i], want, sizeof want);
                    first_match(exact->expanded, 0, cs_texts[i], got, sizeof got);
                    CHECK_STR(got, want);
                }
            }
            const char *flat = "(?:Bank of China|Bankside|Banker|City Hall|Bank|City|\\(c\\)|Bøge|Ba\\.|Bø|B)";
            char flat_word[256], flat_tail[256];
            snprintf(flat_word, sizeof flat_word, "%s(?= x)", flat);
            snprintf(flat_tail, sizeof flat_tail, "%s", flat);
            const char *texts[] = {"Bank of China x", "Bank of Chin x", "Bankside x", "Banker", "Bank x",
                                   "Bankers x", "Ba. x", "Bax", "Bøge x", "Bøg x", "Bø x", "B x", "City Hall x",
                                   "City Hal x", "(c) x", "c x", "the Bank of China", "Bø"};
            for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
                char want[32], got[32];
                first_match(flat_word, 0, texts[i], want, sizeof want);
                first_match(word->expanded, 0, texts[i], got, sizeof got);
                CHECK_STR(got, want);
                first_match(flat_tail, 0, texts[i], want, sizeof want);
                first_match(tail->expanded, 0, texts[i], got, sizeof got);
                CHECK_STR(got, want);
            }
        }
    }
    fx_rules_free(ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

/* Of the byte set `name` of pattern's prefilter (keyed on `literal`):
 * `in` are all among its bytes, `out` none. */
static void check_byte_set(const char *name, const uint64_t *(*set_of)(const fx_prefilter *), const char *pattern,
                           int caseless, const char *literal, const char *in, const char *out)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    CHECK(has_literal(&f, literal));
    const uint64_t *set = set_of(&f);
    for (int member = 1; member >= 0; member--)
        for (const char *c = member ? in : out; *c; c++) {
            unsigned char byte = (unsigned char)*c;
            int has = (set[byte >> 6] >> (byte & 63)) & 1;
            if (has != member) fprintf(stderr, "%s of %s: %s '%c'\n", name, pattern, member ? "misses" : "has", *c);
            CHECK(has == member);
        }
    fx_prefilter_free(&f);
}

static const uint64_t *before_of(const fx_prefilter *f) { return f->before; }
static const uint64_t *after_space_of(const fx_prefilter *f) { return f->after_space; }

/* The bytes between an attempt's start and its literal: `in` are all
 * among them, `out` none. */
static void check_before(const char *pattern, int caseless, const char *literal, const char *in, const char *out)
{
    check_byte_set("before", before_of, pattern, caseless, literal, in, out);
}

static void test_before(void)
{
    check_before("[a-z]+y", 0, "y", "azy", "AZ ,.0");
    check_before("[a-z]+y", 1, "y", "azAZ\xc5", " ,.0");                   /* caseless: LONG S and KELVIN SIGN */
    check_before("\\d+(?:[.,]\\d+)? ?euros", 0, "euros", "09., ", "a(-\xe2");   /* ASCII digits alone */
    check_before("[^,()]{1,9}, the firm", 0, ", the firm", "aZ 9.\x80", ",()");
    check_before("(?<=, )\\p{Lu}\\w* (?=Ltd)", 0, "Ltd", "AZaz09_ \x80", ",.-");   /* lookarounds consume nothing */
    check_before("(?&w)(?: (?&w))* Municipality(?(DEFINE)(?<w>\\p{Lu}[\\p{Ll}-]+))", 0, " Municipality", "Aaz -\x80",
                 ",.0");                                                    /* the called group's bytes */
    check_before("(?&w) Bank(?(DEFINE)(?<w>\\p{Lu}(?&v))(?<v>[a-z]+))", 0, " Bank", "Qaz", " ,.0");   /* calls within */
    check_before("(?=[^\\s]+ Ltd)[A-Z]+", 0, " Ltd", "A.,;", " \t\n");   /* inside the lookahead */
    check_before("abc", 0, "abc", "", "abc ");                             /* the literal starts the match */
}

/* The bytes that may follow a space between an attempt's start and its
 * literal: `in` are all among them, `out` none. */
static void check_after_space(const char *pattern, int caseless, const char *literal, const char *in, const char *out)
{
    check_byte_set("after_space", after_space_of, pattern, caseless, literal, in, out);
}

static void test_after_space(void)
{
    check_after_space("(?:\\p{Lu}\\w* )+Bank", 0, "Bank", "ABZ\xc3", "abz09 ,");   /* \p{Lu}: A-Z, not a-z */
    check_after_space("(?:\\p{Lu}\\w* )+Bank", 1, "bank", "ABZabz", "09 ,");       /* caseless: either case */
    /* a called group's first bytes, as written; "and" and "&" between; the literal after a space */
    check_after_space("(?&w)(?: (?:and|&) (?&w))* Bank(?(DEFINE)(?<w>[A-Z][a-z]+))", 0, " Bank", "AZ&a", "bz09");
    check_after_space("(?&w)(?: (?&w))* Bank(?(DEFINE)(?<w>(?i)[A-Z][a-z]+))", 0, " Bank", "AZaz", "09&");   /* (?i) in it */
    check_after_space("(?:[a-z]+ )?[A-Z]\\w* Bank", 0, " Bank", "AZ", "");        /* a lowercase word after none */
    check_after_space("[a-z]+ [A-Z]\\w* Bank", 0, " Bank", "AZ", "az");
    /* the literal in a look-ahead: what follows a space in it; not what follows the literal */
    check_after_space("(?=(?:[A-Z][a-z]* )+Bank of the)[A-Z]", 0, "Bank of the", "AZB", "aotz");
    check_after_space("[0-9]+ (?=[a-z]+ zappo)", 0, " zappo", "az", "AZ09");
    check_after_space("(?:[A-Z]\\w* ){1,3}Bank(?: of the [a-z]+)?", 0, "Bank", "AZ", "ot");   /* after the literal: not asked */
    check_after_space("(?:\\w+ )+Bank", 0, "Bank", "az09_AZB", "");
    check_after_space("[A-Z]\\w*(?:[ -][A-Z]\\w*)*(?: |\\.)Bank", 0, "Bank", "AZB", "az");
}

static int in_near(const fx_prefilter *f, unsigned char c) { return (f->near[c >> 6] >> (c & 63)) & 1; }

/* The sharper bound: the attempt starts at most `far` bytes before the run
 * of `near` bytes that ends at the literal; `in` are near bytes, `out` not. */
static void check_near(const char *pattern, const char *literal, size_t far, const char *in, const char *out)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(has_literal(&f, literal));
    if (f.far != far) fprintf(stderr, "far of %s: %zu\n", pattern, f.far);
    CHECK(f.far == far);
    for (const char *c = in; *c; c++) {
        if (!in_near(&f, (unsigned char)*c)) fprintf(stderr, "near of %s: misses '%c'\n", pattern, *c);
        CHECK(in_near(&f, (unsigned char)*c));
    }
    for (const char *c = out; *c; c++) {
        if (in_near(&f, (unsigned char)*c)) fprintf(stderr, "near of %s: has '%c'\n", pattern, *c);
        CHECK(!in_near(&f, (unsigned char)*c));
    }
    fx_prefilter_free(&f);
}

static void test_near(void)
{
    /* a currency, then digits up to the literal: digits near, the currency within far */
    check_near("(?:USD|EUR) ?\\d+(?:,\\d{3})*(?= - )", " - ", 4, "09,", "USDER -");
    /* branches: the wider of each ("QZ": "xa".."zf", the suffix of [xyz]{2}
     * crossed into [a-f]+, would outweigh a "Q" alone) */
    check_near("(?:ab\\d+|[xyz]{2}[a-f]+)QZ", "QZ", 2, "09af", "xyzQ");
    check_near("(?:ab\\d+)+QRS", "QRS", 0, "ab09", "Q");               /* copies: all their bytes */
    check_near("\\d+[.,]?\\d*(?:[a-z]{2})?Q", "Q", 0, "09.,az", "Q");  /* the tail and what follows it */
    check_near("\\d{1,3} ?(?:percent|per cent)", "percent", 3 + 1, "", "0 ");   /* a bounded lead: far alone */
    check_near("abc", "abc", 0, "", "abc");                                  /* the literal starts the match */
}

/* The literals of pattern are exactly want (a NULL-terminated list). */
static void check_literals(const char *pattern, int caseless, const char *const *want)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    size_t n = 0;
    for (; want[n]; n++)
        if (!has_literal(&f, want[n])) fprintf(stderr, "%s: no literal %s\n", pattern, want[n]);
    for (size_t k = 0; k < n; k++) CHECK(has_literal(&f, want[k]));
    if (f.count != n) fprintf(stderr, "%s: %zu literals, want %zu\n", pattern, f.count, n);
    CHECK(f.count == n);
    fx_prefilter_free(&f);
}

/* Which literals are kept: none that starts with another (it adds no
 * occurrence), and letters over digits of the same length (numbers are
 * everywhere in news). */
static void test_literal_choice(void)
{
    static const char *const months[] = {"jan", "feb", NULL};
    check_literals("(?:jan|january|feb|february)\\b", 1, months);
    static const char *const ranges[] = {"0 -", "0-", "1 -", "1-", NULL};
    check_literals("[01] ?- ?\\d", 0, ranges);
    static const char *const halves[] = {"h1", "h2", NULL};
    check_literals("H[12].(?:1[89]\\d\\d|20\\d\\d)", 1, halves);
    fx_prefilter f;   /* right before the years, they go in front of them */
    fx_prefilter_build("H[12][ /-]?(?:1[89]\\d\\d|20\\d\\d)", 1, common(), &f);
    CHECK(f.count == 24 && has_literal(&f, "h1 18") && has_literal(&f, "h220") && has_literal(&f, "h2/19"));
    fx_prefilter_free(&f);
    static const char *const years[] = {"18", "19", "20", NULL};
    check_literals("(?:1[89]\\d\\d|20\\d\\d)-\\d\\d", 0, years);   /* digits still over a lone "-" */
    /* a letter alone (with spaces) keeps the strings that start with it:
     * what follows it is its own, not their next letters */
    static const char *const symbols[] = {"R", "RMB", "Rs", NULL};
    check_literals("(?:R|RMB|Rs)(?![^ \\d])", 0, symbols);
    static const char *const names[] = {" s", " sek", NULL};
    check_literals("(?: s| sek)(?![a-z])", 0, names);
}

/* An exact part after one that is not still forms strings with the exact
 * parts before it (the suffix of what precedes), unless those run
 * through common words. */
static void test_crossing(void)
{
    /* "YEAR[ -]?Q[1-4]": "q" and [1-4] after the year's last digit */
    static const char *const quarters[] = {"q1", "q2", "q3", "q4", NULL};
    check_literals("\\b(?:Q[1-4](?:[ /-]?(?:1[89]\\d\\d|20\\d\\d))?|(?:1[89]\\d\\d|20\\d\\d)[ -]?Q[1-4])\\b", 1,
                   quarters);
    fx_prefilter f;
    fx_prefilter_build("(?:1[89]\\d\\d|20\\d\\d)[ -]?Q[1-4]", 1, common(), &f);
    CHECK(has_literal(&f, "q1") && f.lead <= 20);   /* bounded: within the year, the dash and "q" */
    fx_prefilter_free(&f);
    static const char *const dashed[] = {"-jan-", "-feb-", NULL};
    check_literals("\\d{1,2}-(?:jan|feb)-\\d{4}", 1, dashed);
    static const char *const pixels[] = {"720p", "1080p", NULL};
    check_literals("(?<!\\d)(?:720|1080)p\\b", 0, pixels);
    /* " of " and " at " are commoner than the roles before them */
    static const char *const roles[] = {"ceo", "cfo", NULL};
    check_literals("\\b(?:ceo|cfo)\\w* (?:of|at) (?:the )?\\w", 1, roles);
    /* a lookahead ends nothing: "(?=x)" then "ab" is not "xab" */
    static const char *const ahead[] = {"ab", NULL};
    check_literals("\\d+(?=x)ab", 0, ahead);
    static const char *const through[] = {"abcde", NULL};
    check_literals("\\d{1,3}abc(?=d)de", 0, through);   /* it passes what precedes it on */
    static const char *const unbounded[] = {"abc", NULL};
    check_literals("\\d+abc(?=d)de", 0, unbounded);   /* no lead for "abcde" after \\d+ */
    /* strings that start what follows go after the exact part before
     * them (a table as a trie: "x(?:a(?:b|c)...)"), cut at 24 bytes */
    static const char *const started[] = {"zzabc", "zzdef", NULL};
    check_literals("zz(?:abc|def)\\d+", 0, started);
    fx_prefilter_build("zz(?:abc|def)\\d+", 0, common(), &f);
    CHECK(f.lead == 0);
    fx_prefilter_free(&f);
    static const char *const cut[] = {"qqabcdefghijklmnopqrstuv", "qqbcd", NULL};
    check_literals("qq(?:abcdefghijklmnopqrstuvwxyz|bcd)\\d+", 0, cut);
    /* and after the suffix of a part that is not exact, into the strings
     * that start a part that is not either ("won" of "won\\w*") */
    static const char *const currencies[] = {" won", "-won", " yen", "-yen", NULL};
    check_literals("[a-z]{1,9}[ -](?:won|yen)\\w*", 0, currencies);
    /* as light as the suffix itself, but each holding one of its strings:
     * " p" occurs only where " " does (money.words' "ten p") */
    static const char *const pence[] = {" won", "-won", " p", "-p", NULL};
    check_literals("[a-z]{1,9}[ -](?:won|p)\\w*", 0, pence);
    /* not into a hundred strings after one already rare (the scan's
     * database pays for each string): "between " of
     * money.range_low_between before its currency symbols; "to " is not
     * rare, and a few strings cross whatever they follow */
    char pattern[1024] = "between (?:", light[1024] = "to (?:", few[64] = "between (?:c0|c1)";
    for (int k = 0; k < 100; k++) {
        char code[8];
        snprintf(code, sizeof code, "%sc%02d", k ? "|" : "", k);
        strcat(pattern, code);
        strcat(light, code);
    }
    strcat(pattern, ")\\d");
    strcat(light, ")\\d");
    strcat(few, "\\d");
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(f.count == 1 && has_literal(&f, "between ") && f.lead == 0);
    fx_prefilter_free(&f);
    fx_prefilter_build(light, 0, common(), &f);
    CHECK(f.count == 100 && has_literal(&f, "to c00") && has_literal(&f, "to c99"));
    fx_prefilter_free(&f);
    static const char *const rare_few[] = {"between c0", "between c1", NULL};
    check_literals(few, 0, rare_few);
}

static void check_spaces(const char *pattern, size_t spaces)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    if (f.spaces != spaces) fprintf(stderr, "spaces of %s: %zu\n", pattern, f.spaces);
    CHECK(f.count > 0 && f.spaces == spaces);
    fx_prefilter_free(&f);
}

/* How many spaces lie between an attempt's start and its literal, and
 * where a window is cut by them. */
static void test_spaces(void)
{
    check_spaces("abc", 0);
    check_spaces("(?:\\p{Lu}\\w* ){1,3}Bank", 3);          /* however long the words */
    check_spaces("\\w+ \\w+ Bank", 1);                     /* the literal is " Bank" */
    check_spaces("(?<![^\\s])[^\\s]{1,24} \\p{Lu}\\w*(?= (?:a|the) firm)", 1);   /* the literal (" a firm") in a lookahead */
    check_spaces("[^()\\n]{1,40} Bank", 40);                 /* a class with a space: one a character */
    check_spaces("\\s\\d+ Bank", 1);
    check_spaces(".{0,5}Bank", 5);
    check_spaces("(?:a b|c)+Bank", FX_PREFILTER_UNBOUNDED);
    check_spaces("(?:\\d+ |x){2}Bank", 2);
    fx_prefilter f;
    fx_prefilter_build("(?:[^\\s]{1,24} )?\\p{Lu}\\w{0,20}(?: \\p{Lu}\\w{0,20}){0,2}'s ", 0, common(), &f);
    CHECK(f.spaces == 3 && f.lead > 100 && fx_prefilter_space_cut(&f) == 3);   /* a lead of words: cut */
    fx_prefilter_free(&f);
    fx_prefilter_build("\\d{1,2} (?:Jan|Feb) \\d{4}", 0, common(), &f);
    CHECK(f.spaces == 1 && fx_prefilter_space_cut(&f) == FX_PREFILTER_UNBOUNDED);   /* the lead is short anyway */
    fx_prefilter_free(&f);
    const char *text = "one two three four's";
    CHECK(fx_prefilter_after_spaces(text, 18, 0, 2) == 4);    /* "two three four" */
    CHECK(fx_prefilter_after_spaces(text, 18, 0, 3) == 0);    /* the text's start */
    CHECK(fx_prefilter_after_spaces(text, 18, 9, 3) == 9);    /* the limit */
    CHECK(fx_prefilter_after_spaces(text, 18, 0, 0) == 14);   /* "four" */
    /* 16 bytes at a time where SSE2 is: the same as a byte at a time,
     * spaces anywhere in a block and across blocks */
    char runs[200];
    unsigned seed = 7;
    for (size_t i = 0; i < sizeof runs; i++) {
        seed = seed * 1103515245u + 12345u;
        runs[i] = (seed >> 16) % 5 == 0 ? ' ' : 'x';
    }
    int same = 1;
    for (size_t at = 0; at <= sizeof runs; at += 7)
        for (size_t limit = 0; limit <= at; limit += 13)
            for (size_t spaces = 0; spaces < 40; spaces++) {
                size_t i = at, left = spaces;
                while (i > limit && !(runs[i - 1] == ' ' && left-- == 0)) i--;
                same &= fx_prefilter_after_spaces(runs, at, limit, spaces) == i;
            }
    CHECK(same);
}

/* ---- needs ---- */

/* The need of pattern that holds `strings` (a NULL-ended list, in any
 * order), or NULL. */
static const fx_prefilter_need *find_need(const fx_prefilter *f, const char *const *strings)
{
    size_t n = 0;
    while (strings[n]) n++;
    for (size_t k = 0; k < f->need_count; k++) {
        size_t found = 0;
        for (size_t i = 0; i < f->needs[k].count; i++)
            for (size_t j = 0; j < n; j++) found += strcmp(f->needs[k].strings[i], strings[j]) == 0;
        if (found == n && f->needs[k].count == n) return &f->needs[k];
    }
    return NULL;
}

static void check_need(const char *pattern, int caseless, const char *literal, const char *const *strings, size_t reach)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    CHECK(has_literal(&f, literal));
    const fx_prefilter_need *need = strings ? find_need(&f, strings) : NULL;
    if (strings) CHECK(need && need->reach == reach);
    else CHECK(f.need_count == 0);
    if ((strings && !need) || (need && need->reach != reach))
        fprintf(stderr, "needs of %s: %zu, the first reaching %zu\n", pattern, f.need_count,
                f.need_count ? f.needs[0].reach : 0);
    fx_prefilter_free(&f);
}

/* What else a match needs, besides the literals, and how far from where
 * its attempt starts: each part it must go through gives its strings
 * (\d takes one byte, a caseless k or s 3). Optional parts, parts
 * after an unbounded one, other lookarounds than a lookahead and strings
 * the literals hold give none. */
static void test_needs(void)
{
    static const char *const dot[] = {".", NULL}, *const dash_to[] = {"-", "to", NULL};
    static const char *const in[] = {"in ", NULL}, *const xy_ks[] = {"xy", "ks", NULL}, *const either[] = {"ab", "cd", NULL};
    check_need("\\d\\d?\\.\\d\\d?/(?:19|20)\\d\\d", 0, "/19", dot, 1 + 1 + 1);   /* keyed on "/19", "/20" */
    check_need("(?:Jan|Feb) \\d\\d? ?(?:-|to) ?\\d\\d?\\b", 0, "Jan ", dash_to, 4 + 2 + 1 + 2);
    check_need("(?=in )[a-z]{2} \\d{1,2} years", 0, " years", in, 3);   /* a lookahead's strings */
    check_need("(?:xy|ks)\\d{1,2} years", 1, " years", xy_ks, 2 + 2 * 2);   /* caseless: KELVIN SIGN, LONG S */
    check_need("(?:ab\\d{1,2}|\\d{1,2}cd)\\.\\.\\.", 0, "...", either, 2 + 2);   /* one of either side's */
    check_need("\\d\\d(?:\\.\\d\\d)? years", 0, " years", NULL, 0);         /* optional */
    check_need("\\d+\\.\\d+ years", 0, " years", NULL, 0);                  /* "." after an unbounded part */
    check_need("(?<=\\.)\\d{1,2} years", 0, " years", NULL, 0);            /* a look-behind */
    check_need("\\d{1,2} years ago", 0, " years ago", NULL, 0);             /* " years" is in the literal */
}

/* Does f have a class need of exactly the ASCII bytes `ascii` (and any
 * non-ASCII byte when high), reaching `reach`? */
static int has_class_need(const fx_prefilter *f, const char *ascii, int high, size_t reach)
{
    for (size_t k = 0; k < f->class_need_count; k++) {
        const fx_prefilter_class_need *c = &f->class_needs[k];
        uint64_t want[4] = {0, 0, high ? ~(uint64_t)0 : 0, high ? ~(uint64_t)0 : 0};
        for (const char *p = ascii; *p; p++) want[(unsigned char)*p >> 6] |= (uint64_t)1 << (*p & 63);
        if (c->reach == reach && memcmp(c->bytes, want, sizeof want) == 0) return 1;
    }
    return 0;
}

/* check_class_need(pattern, literal, ascii, high, reach): keyed on
 * literal, a class need as has_class_need's (ascii NULL: none at all). */
static void check_class_need(const char *pattern, const char *literal, const char *ascii, int high, size_t reach)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(has_literal(&f, literal));
    int ok = ascii ? has_class_need(&f, ascii, high, reach) : f.class_need_count == 0;
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "class needs of %s: %zu, the first reaching %zu\n", pattern, f.class_need_count,
                f.class_need_count ? f.class_needs[0].reach : 0);
    fx_prefilter_free(&f);
}

/* Byte classes a match needs: a byte of a class part it must go through
 * ("\d" is the ASCII digits alone: no PCRE2_UCP), starting
 * before its reach (the bytes before it at their widest). Optional parts,
 * parts after an unbounded one, look-behinds, classes with a letter or a
 * space and classes the literals hold give none. */
static void test_class_needs(void)
{
    const char *digits = "0123456789";
    check_class_need("between \\K(?:\\$|EUR) ?\\d+ and", "between $", digits, 0, 8 + 3 + 1 + 1);
    check_class_need("between \\K[0-9]{1,3} and", "between ", digits, 0, 9);     /* no other bytes */
    check_class_need("between (?=\\d)", "between ", digits, 0, 9);                /* a lookahead's */
    check_class_need("between (?:\\d|#) and", "between ", "#0123456789", 0, 9);  /* either side's */
    check_class_need("between (?:\\d\\d)? and", "between ", NULL, 0, 0);         /* optional */
    check_class_need("between \\w+ \\d and", "between ", NULL, 0, 0);            /* after an unbounded part */
    check_class_need("(?<=\\d)between and", "between and", NULL, 0, 0);           /* a look-behind */
    check_class_need("between [a-f\\d] and", "between ", NULL, 0, 0);            /* a letter */
    check_class_need("(?:19|20)\\d\\d", "19", NULL, 0, 0);                      /* the literals' digits */
}

/* check_lit_class(pattern, literal, after, ascii, high, reach): keyed on
 * literal, a byte of the class (as has_class_need's) lies in the `reach`
 * bytes before it in every match, or with `after` after it and before
 * `reach` bytes from its start (ascii NULL: none known). */
static void check_lit_class(const char *pattern, const char *literal, int after, const char *ascii, int high,
                            size_t reach)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(has_literal(&f, literal));
    uint64_t want[4] = {0, 0, high ? ~(uint64_t)0 : 0, high ? ~(uint64_t)0 : 0};
    for (const char *p = ascii ? ascii : ""; *p; p++) want[(unsigned char)*p >> 6] |= (uint64_t)1 << (*p & 63);
    size_t got = after ? f.lit_after_reach : f.lit_reach;
    int ok = ascii ? got == reach && memcmp(after ? f.lit_after : f.lit_before, want, sizeof want) == 0 : got == 0;
    CHECK(ok);
    if (!ok) fprintf(stderr, "%s the literal of %s: a class reaching %zu\n", after ? "after" : "before", pattern, got);
    fx_prefilter_free(&f);
}

static void check_lit_before(const char *pattern, const char *literal, const char *ascii, int high, size_t reach)
{
    check_lit_class(pattern, literal, 0, ascii, high, reach);
}

/* A class before the literals: the end classes of what comes before the
 * part they are taken from (the last bytes of its strings, or a class
 * part's, moved back by the widest of what follows it there), plus that
 * part's lead. Optional or unbounded parts in between, look-behinds and
 * letters give none. */
static void test_lit_before(void)
{
    const char *digits = "0123456789";
    check_lit_before("(?:the \\d{1,2} of|\\d{1,2})\\s(?:May|June)", "May", digits, 0, 5);
    check_lit_before("\\d+ ?(?:May|June)", "May", digits, 0, 2);
    check_lit_before("(?:[1-9]|10)\\s(?:May|June)", "May", digits, 0, 2);   /* an exact part's last bytes */
    check_lit_before("\\d+\\.(?:May|June)", "May", ".", 0, 1);             /* the fewest bytes */
    check_lit_before("(?:\\d+|early )May", "May", NULL, 0, 0);            /* a letter or space */
    check_lit_before("\\d+\\w*\\sMay", "May", NULL, 0, 0);                /* an unbounded part after it */
    check_lit_before("(?:\\d )?May", "May", NULL, 0, 0);                    /* optional */
    check_lit_before("(?<=\\d )May", "May", NULL, 0, 0);                    /* a look-behind */
}

/* A class after the literals: the class needs of what follows the part
 * they are taken from, moved on by that part's widest from the literal's
 * start ("June" 4, "\s" 1, "the " 4, then the digit). Not after an
 * unbounded part, nor when the literal lies in a look-ahead (past the
 * bytes the match consumes). */
static void test_lit_after(void)
{
    const char *digits = "0123456789";
    check_lit_class("(?:May|June)\\s(?:the )?\\d", "May", 1, digits, 0, 10);
    check_lit_class("(?:May|June)\\s(?:the )?(?:[1-9]|10)", "May", 1, "123456789", 0, 10);
    check_lit_class("(?:May|June)\\s\\w*\\d", "May", 1, NULL, 0, 0);
    check_lit_class("(?=\\w+\\sMay)\\w+\\s\\d", "May", 1, NULL, 0, 0);
}

/* check_around(pattern, caseless, literal, before, in, out, high):
 * keyed on literal, which may be followed (preceded, where `before`) by
 * each byte of `in` (and by any byte past ASCII where high) and by none
 * of `out` (NULL: every byte may follow). */
static void check_around(const char *pattern, int caseless, const char *literal, int before, const char *in,
                         const char *out, int high)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, caseless, common(), &f);
    size_t k = 0;
    while (k < f.count && strcmp(f.literals[k], literal) != 0) k++;
    CHECK(k < f.count);
    int ok = k < f.count;
    const uint64_t *bytes = ok ? (before ? f.precede[k] : f.follow[k]) : NULL;
    for (const char *p = in; ok && *p; p++) ok = (bytes[(unsigned char)*p >> 6] >> (*p & 63)) & 1;
    for (const char *p = out ? out : ""; ok && *p; p++) ok = !((bytes[(unsigned char)*p >> 6] >> (*p & 63)) & 1);
    for (int w = 0; ok && !out && w < 4; w++) ok = bytes[w] == ~(uint64_t)0;
    for (int w = 2; ok && high && w < 4; w++) ok = bytes[w] == ~(uint64_t)0;
    CHECK(ok);
    if (!ok) fprintf(stderr, "what %s %s in %s\n", before ? "precedes" : "follows", literal, pattern);
    fx_prefilter_free(&f);
}

static void check_follow(const char *pattern, int caseless, const char *literal, const char *in, const char *out,
                         int high)
{
    check_around(pattern, caseless, literal, 0, in, out, high);
}

static void check_precede(const char *pattern, int caseless, const char *literal, const char *in, const char *out,
                          int high)
{
    check_around(pattern, caseless, literal, 1, in, out, high);
}

/* What follows a literal: the complement of a negative look-ahead's one
 * class right after the strings it stands for, while they are a part's
 * whole strings (a byte past ASCII may start a character outside the
 * class: any), and the next bytes of the longer strings it stands for,
 * in either case. Nothing is known after other look-aheads, look-behinds,
 * or an optional look-ahead. */
static void test_follow(void)
{
    const char *suffixes = "(?:Co|Corp\\.?|Co\\., Ltd|Inc\\.?)(?![A-Za-z0-9\\p{L}\\p{M}/-])";
    check_follow(suffixes, 0, "Co", "rR., ;)", "openhagmOPE0/-", 1);   /* Corp, Co., Co Ltd; not Copenhagen */
    check_follow(suffixes, 0, "Inc", ". ", "oOmeC3", 1);                /* Inc.; not Income */
    check_follow("(?:Co|Corp)(?![a-z])", 0, "Co", "rRA. ", "ap", 1);
    check_follow("(?i)(?:co|corp)(?![a-z])", 0, "co", "rR. ", "apAP", 1);   /* folded: either case */
    check_follow("(?:Co|Corp)(?![a-z])", 1, "co", "rR. ", "apAP", 1);      /* caseless: [a-z] is either case */
    check_follow("Co(?![^a-z])", 0, "Co", "abz", " .A", 1);                 /* a negated class */
    check_follow("Co(?:rp)?", 0, "Co", "", NULL, 1);                        /* no look-ahead */
    check_follow("Co(?!mpany)", 0, "Co", "", NULL, 1);                      /* not one class */
    check_follow("Co(?<![a-z])", 0, "Co", "", NULL, 1);                     /* a look-behind */
    check_follow("Co(?=[a-z])", 0, "Co", "", NULL, 1);                      /* a positive one */
    check_follow("Co(?:(?![a-z])|x)", 0, "Co", "xX. ", "ab", 1);          /* or "Cox": x too */
    check_follow("(?:Co(?![a-z])|Cop)", 0, "Co", "p", "a", 1);             /* "Cop": p too */
    check_follow("\\d+ (?:Co(?![a-z])|Corp) \\d+", 0, "Co", "r ", "a.", 0);   /* and the space after them */
    check_follow("\\d+ (?:Co|Corp)(?![a-z])", 0, "Co", "rR ", "a", 1);   /* strings that end a part */
    check_follow("(?:May|June)(?! \\d|-\\d|\\w)", 0, "May", " -.", "a_0Z", 1);   /* a one-class alternative */
    check_follow("\\d+ (?:Co|Corp) ?(?![a-z])", 0, "Co", "", NULL, 1);   /* not right after them */
    const char *either = "(?:\\d (?:Co|Corp)|one of \\d)(?![a-z])";   /* each string its own */
    check_follow(either, 0, " Co", "rR ", "a", 1);
    check_follow(either, 0, "one of ", "", NULL, 1);
    check_follow("\\d+ (?:Co|Corp)(?:Ltd|, )", 0, "Co", "L,rR", "a ", 0);   /* an exact part after them */
}

/* What precedes a literal: the complement of a negative look-behind's
 * one-character alternatives, a positive one's last bytes, a \b's side
 * (no word byte before a word character, a word byte before another;
 * either before a caseless k, which may be a KELVIN SIGN, no word
 * character), the last bytes of what comes before it, or where that may
 * be empty what comes before that too; every byte where a side of an
 * alternation says nothing. */
static void test_precede(void)
{
    check_precede("(?<![\\p{L}\\d])(?:Co|Corp)\\d", 0, "Co", " .-(_", "aZ09", 1);   /* (and Corp's start) */
    check_precede("(?<![a-z'])(?i:co)\\d", 0, "co", " .-A", "az'", 1);
    check_precede("\\bfoo\\d", 0, "foo", " .-", "aZ09_", 1);
    check_precede("\\b-foo\\d", 0, "-foo", "aZ09_", " .-\xC3", 0);   /* \W after \w (none past ASCII) */
    check_precede("(?i)\\bkm\\d", 1, "km", "", NULL, 1);   /* KELVIN SIGN is \W */
    check_precede("(?<=\\d |-)May\\d", 0, "May", " -", "a0.\xC3", 0);
    check_precede("[a-z]+foo\\d", 0, "foo", "az", "A0 .\xC3", 0);
    check_precede("(?<![a-z ])(?:\\d+ )?foo\\d", 0, "foo", " .0", "ab", 1);   /* widened by the optional part */
    check_precede("\\b(?:[Ff]rom )?\\K(?:\\d+ )?May \\d", 0, "May ", " .-", "a0_", 1);   /* a space, or \b's */
    check_precede("\\b(?=[Ff0-9]|May)(?:[Ff]rom )?\\K(?:May|June) \\d", 0, "May ", " .-", "aZ0_", 1);
    check_precede("(?:\\b|\\w*)foo\\d", 0, "foo", "", NULL, 1);   /* one side says nothing */
    check_precede("(?:(?<![a-z])|x)foo\\d", 0, "foo", " .", "abx", 1);   /* ("xfoo" its own) */
    check_precede("(?:\\d+|\\bfoo)bar", 0, "bar", "09o", "a .n\xC3", 0);   /* after either side's last byte */
    check_precede("(?:\\d|(?<![a-z]))foo", 0, "foo", "0 .", "ab", 1);   /* or after what precedes an empty one */
}

/* What look-aheads say of the characters after a string that bytes
 * cannot: "(?![pP](?![\\p{L}\\d]))" before a name "p" makes a letter or
 * digit follow it, "(?![\\p{L}\\d])" after it none, so no match has
 * that name (money.words' "p", "d"; "d-mark" neither, its "-" being no
 * letter): the strings before it stand for the longer names alone. The
 * same name as written elsewhere ("P", no look-ahead) stays; a caseless
 * s may be LONG S, which [sS] does not hold, and stays as that. Only the
 * same class after it says so. */
static void check_pair(const char *after, const char *const *want)
{
    char pattern[1024];
    size_t n = (size_t)snprintf(pattern, sizeof pattern,
                                "[a-z]{1,9}[ -](?:(?![pPsSdD](?![\\p{L}\\d]))(?i:p|s|d|pound|sterling|d-mark");
    for (int k = 0; k < 64; k++) n += (size_t)snprintf(pattern + n, sizeof pattern - n, "|qa%02d", k);   /* not exact */
    snprintf(pattern + n, sizeof pattern - n, ")|P)%s", after);
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    for (const char *const *w = want; *w; w++) {
        int found = 0;
        for (size_t k = 0; k < f.count; k++)
            if (strcmp(f.literals[k], *w + 1) == 0) found = 1 + f.exact[k];
        if (found != (**w == '-' ? 0 : **w == '=' ? 2 : 1)) fprintf(stderr, "%s: %s\n", pattern, *w);
        CHECK(found == (**w == '-' ? 0 : **w == '=' ? 2 : 1));
    }
    fx_prefilter_free(&f);
}

/* What look-aheads say of the characters after a string that bytes
 * cannot: "(?![pP](?![\\p{L}\\d]))" before a name "p" makes a letter or
 * digit follow it, "(?![\\p{L}\\d])" after it none, so no match has
 * that name (money.words' "p", "d"; "d-mark" neither, its "-" being no
 * letter): the strings before it stand for the longer names alone. The
 * same name as written elsewhere ("P", no look-ahead) stays; a caseless
 * s may be LONG S, which [sS] does not hold, and stays as that. Only the
 * same class right after the names says so. (want: "+" a literal, "="
 * one as written, "-" none.) */
static void test_ahead_pairs(void)
{
    static const char *const none[] = {"- p", "- d", "- s", "--p", "--d", "--s", "- d-mark", "--d-mark",
                                       "+ pound", "+-sterling", "= P", "=-P", "= \u017F", "=-\u017F", NULL};
    check_pair("(?![\\p{L}\\d])", none);
    static const char *const kept[] = {"+ p", "+ d", "+ s", "+-p", "= P", "- \u017F", "- d-mark", NULL};
    check_pair("", kept);                           /* nothing after the names */
    check_pair("(?![\\p{L}])", kept);                /* another class */
    check_pair("(?:x|(?![\\p{L}\\d]))", kept);        /* or an "x" */
    /* money.words itself: its names "p", "s" and "d" (one letter) */
    const fx_context *ctx = fx_fixture_context();
    for (size_t r = 0; ctx && r < ctx->rule_count; r++) {
        if (strcmp(ctx->rules[r].id, "money.words") != 0) continue;
        fx_prefilter f;
        fx_prefilter_build(ctx->rules[r].expanded, 0, common(), &f);
        CHECK(!has_literal(&f, " p") && !has_literal(&f, " d") && !has_literal(&f, " s") && !has_literal(&f, "-d"));
        CHECK(has_literal(&f, " pound") && has_literal(&f, " P") && has_literal(&f, " \u017F"));
        fx_prefilter_free(&f);
    }
}

/* check_lit_need(pattern, literal, string, reach): keyed on literal, one
 * of a need's strings lies after it, ending at most `reach` bytes from
 * its start, and `string` is one of them (NULL: no such need). */
static void check_lit_need(const char *pattern, const char *literal, const char *string, size_t reach)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(has_literal(&f, literal));
    int found = 0;
    for (size_t k = 0; k < f.lit_need_count; k++)
        for (size_t i = 0; i < f.lit_needs[k].count; i++)
            found |= string && f.lit_needs[k].reach == reach && strcmp(f.lit_needs[k].strings[i], string) == 0;
    CHECK(string ? found : f.lit_need_count == 0);
    if (string ? !found : f.lit_need_count != 0) {
        fprintf(stderr, "after the literal of %s:", pattern);
        for (size_t k = 0; k < f.lit_need_count; k++)
            fprintf(stderr, " %zu strings (%s, ...) reaching %zu;", f.lit_needs[k].count, f.lit_needs[k].strings[0],
                    f.lit_needs[k].reach);
        fprintf(stderr, "\n");
    }
    fx_prefilter_free(&f);
}

/* Strings after the literals: those of the parts after the part they are
 * taken from, reaching that part's widest from the literal's start and
 * theirs; an alternation needs one of either side's. None lighter than
 * three letters, none after an unbounded part. */
static void test_lit_needs(void)
{
    const char *both = "(?:January|February) \\d{1,2}(?:st|th)? (?:and|until) (?:May|June)";
    check_lit_need(both, "January ", "June", 24);
    check_lit_need(both, "January ", "until", 19);
    check_lit_need("(?:January|February) \\d{1,2}(?:st|th)? (?:-|to) \\d", "January ", NULL, 0);   /* light */
    check_lit_need("(?:January|February) \\d+ (?:and|until) (?:May|June)", "January ", NULL, 0);  /* unbounded */
    check_lit_need("(?:(?:January|February) \\d until|Novembers \\d\\d and) (?:May|June)", "January ", "June", 21);
    check_lit_need("(?:January|February) (?:\\d{1,2} until (?:May|June)|\\d\\d)", "January ", NULL, 0);   /* one side */
    /* both sides need the same 40 words: one set of 40, not 80 (more
     * than an alternation's needs may have) */
    char words[40 * 5 + 1] = "", sides[2 * sizeof words + 64];
    for (int i = 0; i < 40; i++) snprintf(words + strlen(words), 6, "%sw%02d", i ? "|" : "", i);
    snprintf(sides, sizeof sides, "(?:from \\d\\d (?:%s)|until \\d\\d (?:%s))", words, words);
    check_lit_need(sides, "from ", "w39", 12);
    check_lit_need(sides, "until ", "w00", 12);
}

/* Is n exactly of `strings` (NULL-ended), reaching `reach` bytes back
 * with at most `spaces` spaces? */
static int need_is(const fx_prefilter_need *n, const char *const *strings, size_t reach, size_t spaces)
{
    size_t count = 0;
    while (strings[count]) count++;
    int ok = n->count == count && n->reach == reach && n->spaces == spaces;
    for (size_t i = 0; ok && i < count; i++) {
        size_t j = 0;
        while (j < n->count && strcmp(n->strings[j], strings[i]) != 0) j++;
        ok = j < n->count;
    }
    return ok;
}

/* check_befores(pattern, literal, strings, reach, spaces): keyed on
 * literal, with one need before it, of exactly `strings` (NULL-ended;
 * NULL: no need before it), reaching `reach` bytes back with at most
 * `spaces` spaces. */
static void check_befores(const char *pattern, const char *literal, const char *const *strings, size_t reach,
                          size_t spaces)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    CHECK(has_literal(&f, literal));
    int ok = strings ? f.lit_before_count == 1 && need_is(&f.lit_befores[0], strings, reach, spaces)
                     : f.lit_before_count == 0;
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "before the literal of %s:", pattern);
        for (size_t k = 0; k < f.lit_before_count; k++)
            fprintf(stderr, " %zu strings (%s, ...) reaching %zu, %zu spaces;", f.lit_befores[k].count,
                    f.lit_befores[k].strings[0], f.lit_befores[k].reach, f.lit_befores[k].spaces);
        fprintf(stderr, "\n");
    }
    fx_prefilter_free(&f);
}

/* Strings before the literals: the strings of the part before the part
 * they are taken from, its needs and its own strings before, reaching
 * its width (or from its strings to its end) and the literal's lead, with
 * its spaces and those of the lead; strings that start a part crossed
 * with the suffix of the part before ("a " after ", "), others kept as
 * they are ("'s " after a name); an alternation needs one of either
 * side's, or of its own strings. None from a look-ahead (its strings may
 * lie past the literal), an optional or unbounded part, or one that a
 * literal holds. */
static void test_befores(void)
{
    static const char *const article[] = {", a ", ", the ", NULL};
    check_befores("\\p{Lu}\\w{0,9}, (?:a|the) (?:\\w{1,9} ){0,2}?(?:banker|dealer)", "banker", article,
                  4 + 9 + 6 + 2 * 10, 4);
    static const char *const one[] = {", a ", NULL};
    check_befores("\\p{Lu}\\w+, a (?:\\w{1,9} ){0,2}?(?:banker|dealer)", "banker", one, 4 + 2 * 10, 4);
    static const char *const appositive[] = {", a ", ", an ", ", the ", "'s ", ", one of ", NULL};
    check_befores("\\p{Lu}\\w{0,9}(?: \\([^()]{1,9}\\))?, (?:(?:(?:a|an|the|\\p{Lu}\\w{1,9}'s) (?:\\w{1,9} ){0,2}?"
                  "(?:banker|dealer)|one of (?:the )?(?:\\w{1,9} ){0,2}?(?:bankers|dealers))(?![a-z])|(?:a|the) "
                  "\\w{1,9}-listed )",
                  "banker", appositive, 38, 4);
    check_befores("\\w(?=[a-z ]{0,20}, a )[a-z ]{0,20}(?:banker|dealer)", "banker", NULL, 0, 0);   /* ahead */
    check_befores("(?:\\w{1,9}, a )?(?:banker|dealer)", "banker", NULL, 0, 0);              /* optional */
    check_befores("\\w{1,3}(?:, a \\w{1,5} )+(?:banker|dealer)", "banker", NULL, 0, 0);    /* unbounded */
    check_befores("(?:, a |x)\\w{0,3}(?:banker|dealer|, a banker)", "banker", NULL, 0, 0);   /* a literal holds it */
    /* both sides need one of the same 40 words before: one set of 40 */
    char words[40 * 5 + 1] = "", sides[2 * sizeof words + 64];
    const char *each[41];
    static char texts[40][5];
    for (unsigned i = 0; i < 40; i++) {   /* unsigned: GCC at -O1 then knows "%02u" takes two bytes */
        snprintf(words + strlen(words), 6, "%sw%02u", i ? "|" : "", i);
        snprintf(texts[i], sizeof texts[i], "w%02u ", i);
        each[i] = texts[i];
    }
    each[40] = NULL;
    snprintf(sides, sizeof sides, "(?:(?:%s) \\d\\d from|(?:%s) \\d\\d until)", words, words);
    check_befores(sides, " from", each, 6, 1);
}

/* check_group(pattern, literal, strings, reach, past, spaces): keyed on
 * literal, which has a group of befores (prefilter.h `lit_group`), its
 * first exactly `strings` (NULL-ended) within that reach, past and
 * spaces; strings NULL: the literal has no group. */
static void check_group(const char *pattern, const char *literal, const char *const *strings, size_t reach,
                        size_t past, size_t spaces)
{
    fx_prefilter f;
    fx_prefilter_build(pattern, 0, common(), &f);
    size_t k = 0;
    while (k < f.count && strcmp(f.literals[k], literal) != 0) k++;
    CHECK(k < f.count);
    size_t g = k < f.count && f.lit_group ? f.lit_group[k] : 0;
    int ok = strings ? g > 0 && g <= f.group_count && f.groups[g - 1].count > 0 &&
                           need_is(&f.groups[g - 1].befores[0], strings, reach, spaces) &&
                           f.groups[g - 1].befores[0].past == past
                     : g == 0;
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "the group of %s in %s: %zu of %zu;", literal, pattern, g, f.group_count);
        for (size_t q = 0; g && g <= f.group_count && q < f.groups[g - 1].count; q++)
            fprintf(stderr, " %zu strings (%s, ...) reaching %zu, past %zu, %zu spaces;", f.groups[g - 1].befores[q].count,
                    f.groups[g - 1].befores[q].strings[0], f.groups[g - 1].befores[q].reach,
                    f.groups[g - 1].befores[q].past, f.groups[g - 1].befores[q].spaces);
        fprintf(stderr, "\n");
    }
    fx_prefilter_free(&f);
}

/* The befores of a side of an alternation, kept for the literals of that
 * side alone, where the sides' together give none: a literal of two
 * sides (" orders") has none, nor one of a side without befores. A verb
 * before an amount, a look-ahead of a digit between ("(?=\\d)" puts no
 * string past it), the nouns crossed with the space before them. */
static void test_groups(void)
{
    const char *results = "\\w{1,3}(?: (?:won|landed) \\w{1,3} (?:contracts|orders)| (?:lost|missed) \\w{1,3} "
                          "(?:orders|tenders)| (?:will )?(?:cut|shed) (?=\\d)\\d{1,5} (?:jobs|staff)| posted (?:a |an )?"
                          "(?:profit|loss))";
    static const char *const won[] = {" won ", " landed ", NULL}, *const lost[] = {" lost ", " missed ", NULL},
                             *const cut[] = {" cut ", " shed ", NULL};
    check_group(results, " contracts", won, 12, 12, 3);
    check_group(results, " tenders", lost, 12, 10, 3);
    check_group(results, " jobs", cut, 17, 8, 4);
    check_group(results, " orders", NULL, 0, 0, 0);            /* of two sides */
    check_group(results, " posted a profit", NULL, 0, 0, 0);   /* of a side without */
    fx_prefilter f;   /* the sides' together: none */
    fx_prefilter_build(results, 0, common(), &f);
    CHECK(f.lit_before_count == 0 && f.group_count == 3);
    fx_prefilter_free(&f);
    /* the verbs alone (one side): before the nouns, crossed with the space before them */
    static const char *const verbs[] = {" cut ", " cuts ", " shed ", NULL};
    check_befores(" (?:will |has )?(?:cut|cuts|shed) (?=\\d)\\d{1,5} (?:jobs|positions)", " jobs", verbs, 17, 4);
}

/* Texts that the rules keyed on crossed strings match (test_windows). */
static const char *const window_texts[] = {
    "Sales in Q3 2014 and 2014 Q4, 2015-q1 and Q2/2016 beat the 1Q forecast; H1 2020 too.",
    "On 12-Jan-2015 and 3-sept-2016; in January 2014, Jan. 2015 and May 2016; in 3 years, 2 weeks.",
    "Three years ago and 5 months later; this spring, next winter; the 1990s, the early 2000s.",
    "The 21st century, the first two quarters, 720p and 1080p video; between May and June 2014.",
    "Nordvik, a Danish shipping firm, and Kalmar, the crane maker, hired the CEO of Fjordline.",
    "Banks such as Danske Bank and firms including Maersk; 5 euro cents, 20 per cent, 3 - 4 %.",
    "Shares of Nordvik Shipping Lines rose after Nordvik Shipping's chief executive Anna Berg said so.",
    "In Oslo, Fjordline chief executive Henrik Dahl said Fjordline posted a record profit, and Kalmar, "
    "which makes cranes, said Trellborn Bank of Nordvik Holding A/S employs 300 people.",
    "It cost 1,250,000 euros, 5.5bn dollars, 3 million-yuan, 4-dkk, 10 EUR and 12,5 mio. kr. in 2014; 40p.",
    "The 2014 euro crisis, 7 people, 8 s, 9 p.m., 1 234 567 Danish kroner, 2 USD 5 and 99 US dollars.",
    "They paid five million dollars, twenty-five euros, a billion yuan, Half a Million Pounds and one hundred "
    "and fifty million dollars; a euro coin, one won, ten-pound notes and five cents.",
    /* rules with needs: a "." or "-" by the year, a dash or "to" after a day, KELVIN SIGN and LONG S */
    "On 3.4.2020 and 2020-03-04, from 2019-2020 and 2019/20 to 12-14 May, 1 to 3 June and 4 May - 2 June 2021.",
    "In 3 years, la\u017Ft year, this \u212Aey week, two wee\u212As ago and in 3 wee\u212As; at 10.30 on 5 May.",
    /* rules with class needs: a digit after "between ", before a month */
    "Between $5 and $7 million, between 20 and 30 billion yuan, between 3% and 4.5%; on the 8th of May and 8 June.",
    "Between \u20ac2 and 3 billion, between US$ 1.5 and 2 bn, between 1,000 and 2,000 euros; 1/2/2020, FY2021.",
    /* rules with a class before their literal: a digit before a month, a "." or "-" before a year */
    "On the 3rd of March 2015, 14th June, 2 Oct. 2016, 05 MAY 2017 and Monday, 1 of July; 31.12.1990, 3-4-2020.",
    "From 30 Sept to 2 Oct, 1st-3rd May, 12/5/2019, 3 pounds 50, 2 dollars and 20 cents, 7 euros 30 cents.",
    /* legal suffixes and words that start like them (a byte after the literal), one at the text's end */
    "Nordvik Shipping Co., Ltd. of Copenhagen, Halvorsen & Co. and Talvio Inc. Income rose; Kestrel Co Ltd, "
    "Brightwave Corp and Trellborn Holding Corp. Ltd. hired; Orvik Commission, Acme Co",
    "Fjordline Software, Inc sold Fjordline Incubator to Halvorsen & Company; Volvo Cars Inc",
    /* money.currency_first's capitals alone, money.words' one-letter forms
     * and its names with a letter past ASCII, in either case */
    "It cost R 5 million, R5m, RMB 20, Rs 30 and P 300 in Rome, Paris and Riga; Rand Corp paid R",
    "Five hundred rand, ten p, three s, ten d, twenty-five bolívares, TEN BOLÍVARES and two d-marks; one P.",
    /* names with a LONG S (not normalised here), amounts before one-letter forms */
    "It cost five \u017F. and ten \u017F, nine-\u017F; 40 \u017F, 3 P, 5 p, 6 d. and 7 ff; ten P, one-P, two R.",
    "Half a million colones, Three Colónes, a billion tögrög, ten øre and five Øre; six R, seven P",
    /* org.cue_appositive (strings before its descriptor, each text one match): four words between, a
     * parenthesis, a name's "'s", "one of", the strings twice and overlapping, a descriptor right after
     * them, at the text's end */
    "Kalmar, a big old Swedish crane maker, grew.",
    "Trellborn (TRB.OL), the bank, rose.",
    "Skarvik, Denmark's largest container shipping company, rose.",
    "Halvik, one of Norway's biggest fish producers, grew.",
    "Kestrel, a , the the bank, fell; maker, a firm.",
    "Merrow, a London-listed utility, paid.",
    "Their rival is Brekke Nord, the firm.",
    /* org.cue_results (strings before the literals of a side of its alternation): six words between, an
     * amount with spaces, the verb twice and overlapping, another side's verb, at the text's start and end */
    "Orvik won a big new 20 million euro wind contract, Sarvik won a big new wind farm contract and Talvio has "
    "been awarded the tender.",
    "Halvik will cut 1 200 jobs, Sarvik cuts cut 40 staff and Kestrel posted an order; Merrow cut 5 jobs",
    "won an order. Voltera has raised $20 million from investors and Brekke raised it in a Series B round.",
    "Dunmere Foods plans to cut more than 1,200 of its jobs; Quorvis secured secured an order",
};

/* Built with Vectorscan: every rule that goes in by its literals or by a
 * look-ahead's key (money.currency_after) has windows that hold every
 * position where PCRE2 matches it, on texts of our own and the corpus. */
static void test_windows(void)
{
    const fx_context *ctx = fx_fixture_context();
    fx_scan *scan = ctx ? fx_scan_build(ctx) : NULL;
    if (!scan) return;   /* built without Vectorscan */
    size_t own = sizeof window_texts / sizeof *window_texts, corpus_count = 0, checked = 0;
    char **paths = fx_fixture_corpus_paths(0, &corpus_count);
    CHECK(corpus_count > 0);
    for (size_t d = 0; d < own + corpus_count; d++) {
        size_t len = 0;
        char *text = NULL;
        if (d < own) {
            text = strdup(window_texts[d]);
            len = strlen(text);
        } else {
            text = fx_fixture_read(paths[d - own], &len);
        }
        fx_scan_scratch *scratch = fx_scan_scratch_new(scan);
        CHECK(text && scratch && fx_scan_document(scan, scratch, text, len) == 0);
        for (size_t r = 0; text && scratch && r < ctx->rule_count; r++) {
            const fx_rule *rule = &ctx->rules[r];
            fx_scan_kind kind = rule->code ? fx_scan_rule_kind(scan, r) : FX_SCAN_PCRE2_ONLY;
            /* by their literals (capitals alone, forms crossed with "[ -]",
             * no one-letter name that a look-ahead leaves no match), not by
             * patterns */
            if (strcmp(rule->id, "money.currency_first") == 0 || strcmp(rule->id, "money.words") == 0 ||
                strcmp(rule->id, "money.currency_after") == 0)
                CHECK(kind == FX_SCAN_LITERALS && !fx_scan_rule_whole(scan, r));
            /* by their literals (bounded calls, a union of 2 x 129 phrases), not by a pattern */
            if (strcmp(rule->id, "org.cue_owned") == 0 || strcmp(rule->id, "org.cue_market_after") == 0)
                CHECK(kind == FX_SCAN_LITERALS && !fx_scan_rule_whole(scan, r));
            if ((kind != FX_SCAN_LITERALS && kind != FX_SCAN_AHEAD) || fx_scan_rule_whole(scan, r)) continue;
            const fx_window *windows;
            size_t count = fx_scan_windows(scratch, r, &windows), starts = 0;
            CHECK(fx_fixture_windows_hold(rule, text, len, windows, count, &starts));
            checked += starts;
        }
        fx_scan_scratch_free(scratch);
        free(text);
    }
    CHECK(checked >= 50);
    fx_fixture_free_paths(paths, corpus_count);
    fx_scan_free(scan);
}

/* The common words are data (rules/tables/common_words.tsv), loaded with
 * the rules: with them a string crossed into " of the " weighs only its
 * other letters, so the plain " of the " stays the key; without them,
 * the crossed "ceo of the " is longer and wins. */
static void test_common_words(void)
{
    const fx_table *words = common();
    CHECK(words && words->row_count == 61);
    if (!words) return;
    CHECK(fx_table_find(words, "of", 2) && fx_table_find(words, "would", 5) && !fx_table_find(words, "ceo", 3));
    static const char *const plain[] = {" of the ", NULL}, *const crossed[] = {"ceo of the ", "cfo of the ", NULL};
    const char *pattern = "\\d{1,2}(?:ceo|cfo) of the \\w";
    check_literals(pattern, 1, plain);
    fx_prefilter f;
    fx_prefilter_build(pattern, 1, NULL, &f);
    CHECK(f.count == 2 && has_literal(&f, crossed[0]) && has_literal(&f, crossed[1]));
    fx_prefilter_free(&f);
}

/* Does f's prefix k (prefilter.h) have `count` strings, one of them
 * `string`, and the byte `after` after them (0: none)? */
static int prefix_is(const fx_prefilter *f, size_t k, size_t count, const char *string, unsigned char after)
{
    if (k >= f->prefix_count) return 0;
    const fx_prefilter_need *p = &f->prefix[k];
    int found = 0;
    for (size_t i = 0; i < p->count; i++) found |= strcmp(p->strings[i], string) == 0;
    uint64_t bytes = f->prefix_after[k][0] | f->prefix_after[k][1];
    return found && p->count == count &&
           (after ? (f->prefix_after[k][after >> 6] >> (after & 63)) & 1 : bytes == 0);
}

/* A leading optional group of strings whose literal starts where it
 * ends: its strings are the prefix (prefilter.h), a last part of single
 * bytes its byte after; look-aheads in it read as nothing, a group
 * around it ("{NAME}" expanded) looked into. None where the literal may
 * start later than the group's end, where the group is not optional or
 * not first, or where the literals are a look-ahead's before it as far
 * on, and none needed where the group is small enough to be crossed
 * into the literals ("late 19": they start the attempt). */
static void test_optional_prefix(void)
{
    char words[40 * 4 + 16] = "", pattern[512];
    for (int i = 0; i < 40; i++) snprintf(words + strlen(words), 5, "%sw%02d", i ? "|" : "", i);
    strcat(words, "|b(?=y)y");   /* 41 words */
    static const struct {
        const char *pattern;   /* "%s": where the words go */
        size_t count;          /* 0: no prefix */
        const char *string;
        unsigned char after;
        int exact;
    } cases[] = {
        {"\\b(?:(?<mod>(?i:%s))(?:-| ))?(?=[12])\\K(?<year>(?:19|20)\\d\\d)\\b", 41, "by", '-', 0},
        {"\\b(?:(?:(?:%s)(?:-| ))?)(?:19|20)\\d\\d", 41, "w39", ' ', 1},   /* in a group, as written */
        {"(?:(?:%s)x)?(?:19|20)\\d\\d", 41, "w05x", 0, 1},                   /* no byte after */
        {"\\b(?:(?:%s) )?(?:the )?(?:of )?(?:19|20)\\d\\d", 0, NULL, 0, 0},   /* a third group */
        {"\\b(?:(?:%s) )(?:19|20)\\d\\d", 0, NULL, 0, 0},                  /* not optional */
        {"x(?:(?:%s) )?(?:19|20)\\d\\d", 0, NULL, 0, 0},                     /* not first */
        {"(?:(?:%s) )?(?:19|20)\\d\\d|Q[1-4]", 0, NULL, 0, 0},              /* an alternation */
        {"\\b(?:(?:early|late) )?(?:19|20)\\d\\d", 0, NULL, 0, 0},         /* crossed instead */
        {"(?=[a-z0-9-]{4}(?:x19|x20))(?:(?:%s)-)?(?:19|20)\\d\\d", 0, NULL, 0, 0},   /* the look-ahead's literal */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const char *at = strstr(cases[k].pattern, "%s");   /* (the words put in by hand: a format that is data) */
        if (at) snprintf(pattern, sizeof pattern, "%.*s%s%s", (int)(at - cases[k].pattern), cases[k].pattern, words, at + 2);
        else snprintf(pattern, sizeof pattern, "%s", cases[k].pattern);
        fx_prefilter f;
        fx_prefilter_build(pattern, 0, NULL, &f);
        int ok = cases[k].count ? f.count > 0 && f.prefix_count == 1 && f.prefix[0].exact == cases[k].exact &&
                                      prefix_is(&f, 0, cases[k].count, cases[k].string, cases[k].after)
                                : f.prefix_count == 0;
        CHECK(ok);
        if (!ok) fprintf(stderr, "prefix of %s: %zu prefixes\n", pattern, f.prefix_count);
        if (k == 7) CHECK(has_literal(&f, "late 19") && f.lead == 0);
        fx_prefilter_free(&f);
    }
}

/* Two leading optional groups, with items of no width around them
 * (date.month_day's "{DATE_MOD}(?=...)\K(?=...){WD_PREFIX}{MD}"): two
 * prefixes, the one nearest the literal first, each with its own case
 * and byte after. None where a look-ahead between them has strings as
 * far on as the literal, where a third group would be needed, or where
 * something of width lies between the groups. */
static void test_two_prefixes(void)
{
    const char *mods = "(?:(?<mod>(?i:early|the end of|by))(?:-| ))?",
               *days = "(?:(?<day>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)),? (?:the )?)?";
    static const struct {
        const char *start, *between, *end;   /* the pattern: start, the modifiers, between, the days, end */
        size_t count;
    } cases[] = {
        {"\\b", "(?=[MTS]|[12])\\K(?=[^\\n]{0,29}+\\d)", "(?<year>(?:19|20)\\d\\d)", 2},
        {"", "", "(?:19|20)\\d\\d", 2},
        {"", "(?=[a-z ,]{15}(?:19|20))", "(?:19|20)\\d\\d", 0},   /* the look-ahead's strings as far on */
        {"", "", "(?:(?:on) )?(?:19|20)\\d\\d", 0},              /* a third group */
        {"", "x", "(?:19|20)\\d\\d", 0},                         /* a byte between them */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s%s%s%s%s", cases[k].start, mods, cases[k].between, days, cases[k].end);
        fx_prefilter f;
        fx_prefilter_build(pattern, 0, NULL, &f);
        int ok = f.prefix_count == cases[k].count;
        if (ok && cases[k].count)
            ok = f.prefix[0].exact && prefix_is(&f, 0, 28, "Sunday, the ", 0) && !f.prefix[1].exact &&
                 prefix_is(&f, 1, 3, "the end of", '-') && prefix_is(&f, 1, 3, "by", ' ');
        CHECK(ok);
        if (!ok) fprintf(stderr, "prefixes of %s: %zu\n", pattern, f.prefix_count);
        fx_prefilter_free(&f);
    }
}

/* Exact items every match goes through right before the literal, after
 * an optional group (date.relative_unit's "this ", "the following " ...
 * before "year"): a required prefix (prefilter.h `prefix_required`),
 * nearest the literal, the group's the second. None where the literals
 * start inside those strings (crossed: a month's, then " " before the
 * year, keyed on "May " ...), or where an optional group follows them. */
static void test_required_prefix(void)
{
    const char *mods = "\\b(?:(?<mod>(?i:early|the end of|by))(?:-| ))?(?=[a-zA-Z])\\K";
    static const struct {
        const char *rest;
        size_t count;   /* prefix[0]'s strings, 0: no required prefix */
        const char *string;
    } cases[] = {
        {"(?i:this|next|last|coming|the following|the previous|the next|the same|the preceding|the coming|that) "
         "(?i:quarter|decade|fortnight|triennium|century|millennium)\\b", 11, "the following "},
        {"(?i:this|next|last|coming|the following|the previous|the next|the same|the preceding|the coming|that)"
         "(?: very)? (?i:quarter|decade|fortnight|triennium|century|millennium)\\b", 0, NULL},   /* a group after */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s%s", mods, cases[k].rest);
        fx_prefilter f;
        fx_prefilter_build(pattern, 0, NULL, &f);
        int ok = cases[k].count ? f.prefix_count == 2 && f.prefix_required && !f.prefix[0].exact &&
                                      prefix_is(&f, 0, cases[k].count, cases[k].string, 0) &&
                                      prefix_is(&f, 1, 3, "the end of", '-')
                                : !f.prefix_required;
        CHECK(ok);
        if (!ok) fprintf(stderr, "prefixes of %s: %zu, required %d\n", pattern, f.prefix_count, f.prefix_required);
        fx_prefilter_free(&f);
    }
    /* date.month_year's literals ("January " ...) are crossed from its
     * month, which its lead counts whole: the lead is the items' bytes,
     * but the literals start inside them */
    const fx_context *ctx = fx_fixture_context();
    const fx_rule *month_year = ctx ? fx_rules_find(ctx, "date.month_year") : NULL;
    CHECK(month_year != NULL);
    if (!month_year) return;
    fx_prefilter f;
    fx_prefilter_build(month_year->expanded, 0, common(), &f);
    CHECK(has_literal(&f, "January ") && !f.prefix_required);
    fx_prefilter_free(&f);
}

/* A table's names right before the literal, more than an exact node
 * keeps (org.known_subsidiary's {ORGS} before " China"): a required
 * prefix of all of them, as written, a long name whole, look-aheads in
 * its trie read as nothing; still where a name ends with a literal
 * ("Nordvik Group" then " China", " Group" a literal), the literals being
 * what follows the names. None where an optional group lies between the
 * names and the literal, nor with over FX_PREFILTER_MAX_TABLE_PREFIX
 * names. */
static void test_table_prefix(void)
{
    static char names[FX_PREFILTER_MAX_TABLE_PREFIX * 8 + 64];
    static const struct {
        int count;               /* the names Nm0000 ... */
        const char *between;     /* between the names and the literals */
        int want;                /* a required prefix of them */
    } cases[] = {
        {80, " ", 1},
        {80, "(?: Ltd)? ", 0},
        {FX_PREFILTER_MAX_TABLE_PREFIX, " ", 0},   /* with the three below: too many */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t n = (size_t)snprintf(names, sizeof names, "(?:(?=[NT])(?:Nordvik Group|The Very Long Name Of A Company Ltd|");
        for (int i = 0; i < cases[k].count; i++) n += (size_t)snprintf(names + n, sizeof names - n, "%sNm%04d", i ? "|" : "", i);
        n += (size_t)snprintf(names + n, sizeof names - n, "))");
        char *pattern = malloc(n + 128);
        if (!pattern) continue;
        snprintf(pattern, n + 128, "(?<![A-Za-z])%s%s(?:China|Group|Holding)(?![a-z])", names, cases[k].between);
        fx_prefilter f;
        fx_prefilter_build(pattern, 0, NULL, &f);
        int ok = has_literal(&f, " China") && has_literal(&f, " Group") &&
                 (cases[k].want ? f.prefix_required && f.prefix_count == 1 && f.prefix[0].exact &&
                                      prefix_is(&f, 0, 82, "Nordvik Group", 0) &&
                                      prefix_is(&f, 0, 82, "The Very Long Name Of A Company Ltd", 0) &&
                                      prefix_is(&f, 0, 82, "Nm0079", 0)
                                : !f.prefix_required);
        CHECK(ok);
        if (!ok) fprintf(stderr, "table prefix %zu: %zu prefixes, required %d\n", k, f.prefix_count, f.prefix_required);
        fx_prefilter_free(&f);
        free(pattern);
    }
}

void test_prefilter(void)
{
    test_common_words();
    test_leads();
    test_literal_choice();
    test_crossing();
    test_spaces();
    test_windows();
    test_needs();
    test_class_needs();
    test_lit_before();
    test_lit_after();
    test_lit_needs();
    test_befores();
    test_groups();
    test_follow();
    test_precede();
    test_ahead_pairs();
    test_before();
    test_after_space();
    test_near();
    test_case();
    test_table_tries();
    test_optional_prefix();
    test_two_prefixes();
    test_required_prefix();
    test_table_prefix();
}
