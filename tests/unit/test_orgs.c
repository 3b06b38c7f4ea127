/* test_orgs.c - acronym fitting and linking of organisation mentions
 * across a document (resolve_org.c), and the document pass: other
 * mentions, persons and entities (resolve_mentions.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "document.h"
#include "factx.h"
#include "fixture.h"
#include "harness.h"
#include "org.h"
#include "resolve_impl.h"
#include "rules.h"

static int fits(const char *acr, const char *long_form)
{
    const fx_context *ctx = fx_fixture_context();
    return fx_org_acronym_fits(acr, strlen(acr), long_form, strlen(long_form),
                               ctx ? &ctx->resolve_tables->org : NULL);
}

static void test_fitting(void)
{
    CHECK(fx_org_is_acronym("BWA", 3));
    CHECK(fx_org_is_acronym("BJMCPNR", 7));
    CHECK(!fx_org_is_acronym("MoU", 3));
    CHECK(!fx_org_is_acronym("A", 1));

    CHECK(fits("BWA", "Beijing Water Authority"));
    CHECK(fits("MOHURD", "Ministry of Housing and Urban Rural Development"));
    CHECK(fits("MOHURD", "Ministry of Housing and Urban-Rural Development"));
    CHECK(fits("BJMCPNR", "Beijing Municipal Commission of Planning and Natural Resources"));
    /* one content word ("Urban") left out of the acronym */
    CHECK(fits("BJMCPNR", "Beijing Municipal Commission of Urban Planning & Natural Resources"));
    CHECK(fits("AAU", "Aalborg University"));
    CHECK(fits("SDC", "Sino-Danish Center for Education and Research"));
    /* a name translated from Danish: initials in another order */
    CHECK(fits("DTU", "Technical University of Denmark"));
    CHECK(fits("DANVA", "Danish Water and Wastewater Association"));

    CHECK(!fits("UK", "Beijing Water Authority"));
    CHECK(!fits("DK", "Danfoss"));
    CHECK(!fits("XYZ", "Beijing Water Authority"));
    /* two content words missing is too many */
    CHECK(!fits("BA", "Beijing Municipal Water Authority"));
    /* function words in any case, skipped for free; not a longer word that
     * starts like one ("Andes", "Ofgem": content words, and two left out
     * are too many) */
    CHECK(fits("BR", "Board of the Research"));
    CHECK(fits("BR", "Board OF THE Research"));
    CHECK(!fits("BR", "Board Andes Ofgem Research"));
}

static fx_doc *run(const char *text)
{
    return fx_fixture_run(text, strlen(text), NULL, 1u << FX_ORG);
}

/* The index-th org fact, or NULL. */
static const fx_fact *org_fact(const fx_doc *doc, size_t index)
{
    for (size_t i = 0; i < doc->fact_count; i++)
        if (doc->facts[i].type == FX_ORG && index-- == 0) return &doc->facts[i];
    return NULL;
}

/* The index-th org fact's text, name and acronym_of ("" when absent). */
static int org_at(const fx_doc *doc, size_t index, const char **text, size_t *len, const char **name,
                  const char **of)
{
    const fx_fact *f = org_fact(doc, index);
    if (!f) return 0;
    *text = doc->src + f->start;
    *len = f->end - f->start;
    cJSON *n = cJSON_GetObjectItemCaseSensitive(f->value, "name");
    cJSON *o = cJSON_GetObjectItemCaseSensitive(f->value, "acronym_of");
    *name = cJSON_IsString(n) ? n->valuestring : "";
    *of = cJSON_IsString(o) ? o->valuestring : "";
    return 1;
}

static size_t org_count(const fx_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->fact_count; i++) n += doc->facts[i].type == FX_ORG;
    return n;
}

/* The org facts of text. */
static size_t org_count_of(const char *text)
{
    fx_doc *doc = run(text);
    size_t n = org_count(doc);
    fx_doc_free(doc);
    return n;
}

static void check_org(const fx_doc *doc, size_t index, const char *text, const char *name, const char *of)
{
    const char *t, *n, *o;
    size_t len;
    CHECK(org_at(doc, index, &t, &len, &n, &o));
    if (!org_at(doc, index, &t, &len, &n, &o)) return;
    CHECK(len == strlen(text) && memcmp(t, text, len) == 0);
    CHECK_STR(n, name);
    CHECK_STR(o, of);
}

static void test_linking(void)
{
    /* every later bare mention is linked; the first definition wins */
    fx_doc *doc = run("The Beijing Water Authority (BWA) met the City of Copenhagen.\n\n"
                      "Work plans were signed with BWA. BWA's staff visited.");
    CHECK(org_count(doc) == 5);
    check_org(doc, 0, "Beijing Water Authority", "Beijing Water Authority", "");
    check_org(doc, 1, "BWA", "Beijing Water Authority", "Beijing Water Authority");
    check_org(doc, 2, "City of Copenhagen", "City of Copenhagen", "");
    check_org(doc, 3, "BWA", "Beijing Water Authority", "Beijing Water Authority");
    check_org(doc, 4, "BWA", "Beijing Water Authority", "Beijing Water Authority");
    fx_doc_free(doc);

    /* the acronym first: "WTA (World Technopolis Association)" */
    doc = run("Hefei is a member city of WTA (World Technopolis Association). WTA meets in May.");
    CHECK(org_count(doc) == 3);
    check_org(doc, 0, "WTA", "World Technopolis Association", "World Technopolis Association");
    check_org(doc, 1, "World Technopolis Association", "World Technopolis Association", "");
    check_org(doc, 2, "WTA", "World Technopolis Association", "World Technopolis Association");
    fx_doc_free(doc);

    /* a mention before the definition, and undefined capitals, are not facts */
    doc = run("SSC and QRTX are busy. The Danish Energy Agency (DEA) agreed. DEA said so.");
    CHECK(org_count(doc) == 3);
    check_org(doc, 0, "Danish Energy Agency", "Danish Energy Agency", "");
    check_org(doc, 2, "DEA", "Danish Energy Agency", "Danish Energy Agency");
    fx_doc_free(doc);

    /* capitals that do not fit a name of three words or more stand for its
     * name in another language; not after two words, not a currency */
    doc = run("The German Federal Ministry for Economic Affairs (BMWK) met the Orvik Energy (QXT) team "
              "and the Talvio Shipping Group (EUR). BMWK said so.");
    CHECK(org_count(doc) == 5);
    check_org(doc, 1, "BMWK", "German Federal Ministry for Economic Affairs",
              "German Federal Ministry for Economic Affairs");
    check_org(doc, 2, "Orvik Energy", "Orvik Energy", "");
    check_org(doc, 3, "Talvio Shipping Group", "Talvio Shipping Group", "");
    check_org(doc, 4, "BMWK", "German Federal Ministry for Economic Affairs",
              "German Federal Ministry for Economic Affairs");
    fx_doc_free(doc);

    /* a later definition shadows an earlier one */
    doc = run("The Aarhus Water Authority (AWA) met. The Asian Wind Association (AWA) met. AWA said so.");
    CHECK(org_count(doc) == 5);
    check_org(doc, 1, "AWA", "Aarhus Water Authority", "Aarhus Water Authority");
    check_org(doc, 4, "AWA", "Asian Wind Association", "Asian Wind Association");
    fx_doc_free(doc);

    /* not defined, but the initials of an organisation named before */
    doc = run("The Danish Energy Agency has worked with China since 2008. The DEA said so. ABC did not.");
    CHECK(org_count(doc) == 2);
    check_org(doc, 1, "DEA", "Danish Energy Agency", "Danish Energy Agency");
    fx_doc_free(doc);

    /* the initials with and without the function words; a name without
     * any has them once, and a later name with the same ones shadows it */
    static const struct { const char *text; size_t index; const char *acronym, *name; } implied[] = {
        {"The Ministry of Water Resources met. MWR agreed and MOWR said so.", 1, "MWR", "Ministry of Water Resources"},
        {"The Ministry of Water Resources met. MWR agreed and MOWR said so.", 2, "MOWR", "Ministry of Water Resources"},
        {"The Danish Energy Agency met. The Dutch Equity Association met. The DEA said so.", 2, "DEA",
         "Dutch Equity Association"},
    };
    for (size_t k = 0; k < sizeof implied / sizeof *implied; k++) {
        doc = run(implied[k].text);
        CHECK(org_count(doc) == 3);
        check_org(doc, implied[k].index, implied[k].acronym, implied[k].name, implied[k].name);
        fx_doc_free(doc);
    }

    /* each connector between a long form and its acronym, and each closer
     * after the acronym; none where no closer follows */
    static const char *const defined[] = {
        "The Orvik Water Authority (hereafter OWA) met. OWA left.",
        "The Orvik Water Authority (hereinafter referred to as \"OWA\") met. OWA left.",
        "The Orvik Water Authority, also known as OWA, met. OWA left.",
        "The Orvik Water Authority (the OWA); OWA left.",
        "OWA (Orvik Water Authority) met. OWA left.",
        "OWA, the Orvik Water Authority, met. OWA left.",
        "OWA - the Orvik Water Authority; OWA left.",
    };
    for (size_t k = 0; k < sizeof defined / sizeof *defined; k++) {
        doc = run(defined[k]);
        CHECK(org_count(doc) == 3);
        size_t last = org_count(doc) - 1;
        check_org(doc, last, "OWA", "Orvik Water Authority", "Orvik Water Authority");
        fx_doc_free(doc);
    }
    /* (letters from inside the words, so that the initials do not imply it) */
    static const struct { const char *text; size_t facts; } closed[] = {
        {"The Orvik Water Authority (hereafter OWAU) met. OWAU left.", 3},
        {"The Orvik Water Authority (hereafter OWAU met. OWAU left.", 1},
    };
    for (size_t k = 0; k < sizeof closed / sizeof *closed; k++) {
        doc = run(closed[k].text);
        CHECK(org_count(doc) == closed[k].facts);
        fx_doc_free(doc);
    }

    /* capitals in parentheses that do not fit a name of one or two words
     * before them (from three words on, see BMWK above) */
    doc = run("Danfoss (DK) and the Orvik Authority (XYZ) met. XYZ left.");
    CHECK(org_count(doc) == 2);
    fx_doc_free(doc);

    /* a known acronym gets its long form from the table */
    doc = run("The NDRC approved it.");
    CHECK(org_count(doc) == 1);
    check_org(doc, 0, "NDRC", "National Development and Reform Commission",
              "National Development and Reform Commission");
    fx_doc_free(doc);
}

/* The entity of the index-th org fact, or 0. */
static int entity_at(const fx_doc *doc, size_t index)
{
    const fx_fact *f = org_fact(doc, index);
    cJSON *e = f && f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, "entity") : NULL;
    return cJSON_IsNumber(e) ? e->valueint : 0;
}

static void test_document_pass(void)
{
    /* short forms, capitals and possessives share the entity and the
     * fullest name */
    fx_doc *doc = run("Fjordline Shipping ASA posted a loss. The Danish Energy Agency said so. "
                      "Fjordline said fuel cost more. FJORDLINE's ferries and Fjordline Shipping sail.");
    CHECK(org_count(doc) == 5);
    check_org(doc, 0, "Fjordline Shipping ASA", "Fjordline Shipping ASA", "");
    check_org(doc, 2, "Fjordline", "Fjordline Shipping ASA", "");
    check_org(doc, 3, "FJORDLINE", "Fjordline Shipping ASA", "");
    check_org(doc, 4, "Fjordline Shipping", "Fjordline Shipping ASA", "");
    CHECK(entity_at(doc, 0) == 1);
    CHECK(entity_at(doc, 1) == 2);
    CHECK(entity_at(doc, 2) == 1 && entity_at(doc, 3) == 1 && entity_at(doc, 4) == 1);
    fx_doc_free(doc);

    /* an acronym joins its long form's entity; a cue's bare name joins the
     * name it is a form of */
    doc = run("The Nordic Fjord Authority (NFA) met Halvorsen Marine AS. Later NFA and "
              "Halvorsen, a Norwegian shipyard operator, agreed.");
    CHECK(org_count(doc) == 5);
    CHECK(entity_at(doc, 0) == 1 && entity_at(doc, 1) == 1 && entity_at(doc, 3) == 1);
    CHECK(entity_at(doc, 2) == 2 && entity_at(doc, 4) == 2);
    check_org(doc, 4, "Halvorsen", "Halvorsen Marine AS", "");
    fx_doc_free(doc);

    /* a form two organisations share goes with the nearer one before it
     * (the first one before either is named) */
    doc = run("FJORDLINE RAISES PRICES. Fjordline Shipping ASA posted a loss. Fjordline said fuel cost more. "
              "Fjordline Marine AS, its rival, grew. Fjordline said it had more passengers.");
    CHECK(org_count(doc) == 5);
    check_org(doc, 0, "FJORDLINE", "Fjordline Shipping ASA", "");
    check_org(doc, 2, "Fjordline", "Fjordline Shipping ASA", "");
    check_org(doc, 4, "Fjordline", "Fjordline Marine AS", "");
    CHECK(entity_at(doc, 0) == 1 && entity_at(doc, 1) == 1 && entity_at(doc, 2) == 1);
    CHECK(entity_at(doc, 3) == 2 && entity_at(doc, 4) == 2);
    fx_doc_free(doc);

    /* a town is no short form, a person is no organisation */
    doc = run("Aalborg University hired Anna Berg. Aalborg grew. Berg said its budget rose. "
              "Lars Nielsen, Nielsen's colleague, met Mr Nordvik.");
    CHECK(org_count(doc) == 1);
    fx_doc_free(doc);

    /* names that differ in case only are one entity, by the fullest name
     * (the names' index hashes eight bytes to a step, then the rest) */
    doc = run("Shares in NORDVIK ENERGY SYSTEMS rose. Nordvik Energy Systems said so.");
    CHECK(org_count(doc) == 2);
    check_org(doc, 0, "NORDVIK ENERGY SYSTEMS", "Nordvik Energy Systems", "");
    CHECK(entity_at(doc, 0) == 1 && entity_at(doc, 1) == 1);
    fx_doc_free(doc);
    doc = run("Shares in NORDVIK ENERGY rose. Nordvik Energy said so.");
    CHECK(org_count(doc) == 2);
    CHECK(entity_at(doc, 0) == 1 && entity_at(doc, 1) == 1);
    fx_doc_free(doc);

    /* a form at each capitalised word with its text, before its seed
     * and after it, in text order; in capitals only where a capitalised
     * word stands free in capitals (the headline) */
    doc = run("HALVORSEN SHARES RISE. Halvorsen Marine AS posted a loss. Halvorsen said fuel cost more. "
              "Analysts at Nordea said Halvorsen would recover. Halvorsen, Halvorsen and Halvorsen.");
    static const char *const halvorsen[] = {"HALVORSEN", "Halvorsen Marine AS", "Halvorsen", "Nordea",
                                            "Halvorsen", "Halvorsen", "Halvorsen", "Halvorsen"};
    CHECK(org_count(doc) == sizeof halvorsen / sizeof *halvorsen);
    for (size_t i = 0; i < sizeof halvorsen / sizeof *halvorsen; i++) {
        int nordea = halvorsen[i][0] == 'N';
        check_org(doc, i, halvorsen[i], nordea ? "Nordea" : "Halvorsen Marine AS", "");
        CHECK(entity_at(doc, i) == (nordea ? 2 : 1));
    }
    fx_doc_free(doc);
    CHECK(org_count_of("KVALSUND RAISES PRICES. Kvalsund Shipping ASA posted a loss.") == 2);

    /* a surname after ". ": a title's or an initial's, not another word's */
    CHECK(org_count_of("Aalborg University hired Dr. Qorvane. Qorvane said its budget rose.") == 1);
    CHECK(org_count_of("Aalborg University hired Anna M. Qorvane. Qorvane said its budget rose.") == 1);
    CHECK(org_count_of("Aalborg University hired Anna MM. Qorvane. Qorvane said its budget rose.") == 2);
    /* a surname anywhere in the document, asked once per word and
     * kept: before its person's name, twice, up to three words after a
     * first name; not after a word that is no person's, nor a first name */
    static const struct { const char *text; size_t orgs; } surnames[] = {
        {"Qorvane said its budget rose. Aalborg University hired Anna Qorvane.", 1},
        {"Qorvane said its budget rose. Anna Qorvane left. Qorvane said its costs fell.", 0},
        {"Qorvane said its budget rose. Qorvane said its costs fell.", 2},
        {"Qorvane said its budget rose. Anna Maria Lise Qorvane left.", 0},
        {"Qorvane said its budget rose. Aalborg University hired Qorvane.", 3},
        {"Qorvane said its budget rose. Anna visited Qorvane today.", 2},
        {"Maria said its budget rose. Anna Maria left.", 1},
        {"Qorvane said its budget rose. The Qorvane Group grew. Anna Qorvane left.", 1},
    };
    for (size_t i = 0; i < sizeof surnames / sizeof *surnames; i++)
        CHECK(org_count_of(surnames[i].text) == surnames[i].orgs);
}

/* The generated list of organisations (make orglist) leaves out every
 * name the place tables know; they change by hand, so a name they gain
 * must leave the list too: rerun make orglist. */
/* Every row kept by hand in rules/tables/org_sourced.tsv is in the
 * generated list with its name, acronym and source: after editing the
 * table, rerun make orglist. */
static void test_list_has_sourced_rows(void)
{
    const fx_table *list = fx_rules_table(fx_fixture_context(), "ORG_LIST");
    FILE *f = fopen("rules/tables/org_sourced.tsv", "r");
    CHECK(list != NULL && f != NULL);
    if (!list || !f) {
        if (f) fclose(f);
        return;
    }
    char line[1024];
    size_t rows = 0, stale = 0;
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        if (header) {
            header = 0;
            continue;
        }
        const char *cell[4] = {"", "", "", ""};
        char *p = line;
        for (size_t c = 0; c < 4 && p; c++) {
            cell[c] = p;
            p = strchr(p, '\t');
            if (p) *p++ = '\0';
        }
        const fx_table_row *row = fx_table_find(list, cell[0], strlen(cell[0]));
        rows++;
        if (!row || strcmp(fx_table_field(list, row, "name"), cell[1]) != 0 ||
            strcmp(fx_table_field(list, row, "acronym_of"), cell[2]) != 0 ||
            strcmp(fx_table_field(list, row, "source"), cell[3]) != 0) {
            if (stale++ < 5) fprintf(stderr, "org_list.tsv: %s differs from org_sourced.tsv: run make orglist\n", cell[0]);
        }
    }
    fclose(f);
    CHECK(rows > 100);
    CHECK(stale == 0);
}

static void test_list_has_no_places(void)
{
    const fx_context *ctx = fx_fixture_context();
    const fx_table *list = fx_rules_table(ctx, "ORG_LIST");
    static const char *const places[] = {"CITIES", "CITY_ALIASES", "CITY_SUPPLEMENT", "COUNTRIES"};
    CHECK(list != NULL);
    if (!list) return;
    size_t clashes = 0;
    for (size_t r = 0; r < list->row_count; r++) {
        const char *key = list->rows[r].key;
        if (strchr(key, ' ')) continue;     /* a longer name wins over a town's by its length */
        for (size_t k = 0; k < sizeof places / sizeof *places; k++) {
            const fx_table *t = fx_rules_table(ctx, places[k]);
            if (t && fx_table_find(t, key, strlen(key))) {
                if (clashes++ < 5) fprintf(stderr, "org_list.tsv: %s is in %s too: run make orglist\n", key, places[k]);
            }
        }
    }
    CHECK(clashes == 0);
}

/* text has one organisation fact, name, which is its name too. */
static void check_one_org(const char *text, const char *name)
{
    fx_doc *doc = run(text);
    CHECK(org_count(doc) == 1);
    check_org(doc, 0, name, name, "");
    fx_doc_free(doc);
}

/* A campus town after a head word ends the name (campus_town_end): not a
 * town after "in", nor one a branch word follows ("Copenhagen office"),
 * nor a name that a capitalised word does not follow. */
static void test_campus_town(void)
{
    check_one_org("COPENHAGEN - Aalborg University Copenhagen will share a new robotics lab.",
                  "Aalborg University Copenhagen");
    check_one_org("The lab is run with the Fraunhofer Institute Dresden, the two said on Thursday.",
                  "Fraunhofer Institute Dresden");
    check_one_org("COPENHAGEN - Aalborg University in Copenhagen will share a new robotics lab.", "Aalborg University");
    check_one_org("COPENHAGEN - Aalborg University Copenhagen office will share a new robotics lab.",
                  "Aalborg University");
    check_one_org("COPENHAGEN - Aalborg University will share a new robotics lab.", "Aalborg University");
}

/* A listed name that goes on in capitals is one name, of three words at
 * most (whole_name_end): not when no capitalised word follows, nor when
 * more follow than that. */
static void test_whole_name(void)
{
    check_one_org("Workers at Danfoss Drives went on strike, the union said.", "Danfoss Drives");
    check_one_org("Workers at Danfoss went on strike, the union said.", "Danfoss");
    check_one_org("Workers at Danfoss Drives Europe Nord went on strike, the union said.", "Danfoss");
}

/* The items of a list before or after a known name are organisations,
 * whatever separates them (list_items: ", and ", ", or ", ", ", " and ",
 * " or ", " & "). */
static void test_list_items(void)
{
    static const char *const lists[] = {
        "Bosch Rexroth, Festo, and Danfoss said so on Monday.",
        "Bosch Rexroth, Festo or Danfoss will bid, analysts said.",
        "Bosch Rexroth or Festo & Danfoss will bid, analysts said.",
        "Shares of Bosch Rexroth rose, and Festo and Danfoss said so on Monday.",
        "Bosch Rexroth and Festo, or Danfoss will bid, analysts said.",
        "Danfoss, Festo, and Bosch Rexroth said so on Monday.",
        "Danfoss, Festo or Bosch Rexroth will bid, analysts said.",
        "Danfoss or Festo & Bosch Rexroth will bid, analysts said.",
        "Danfoss and Festo, or Bosch Rexroth will bid, analysts said.",
    };
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        fx_doc *doc = run(lists[k]);
        CHECK(org_count(doc) == 3);
        check_org(doc, 1, "Festo", "Festo", "");
        fx_doc_free(doc);
    }
}

/* Twenty organisations, each named twice: one entity each, numbered in
 * the order of their first mention (the names' indexes grow past their
 * first 32 slots' 16 names). */
static void test_many_entities(void)
{
    enum { NAMES = 20 };
    char text[NAMES * 64];
    size_t len = 0;
    for (int twice = 0; twice < 2; twice++)
        for (int k = 0; k < NAMES; k++)
            len += (size_t)snprintf(text + len, sizeof text - len, "Kvarn%c Holding ASA %s. ", 'A' + k,
                                    twice ? "said so" : "posted a loss");
    fx_doc *doc = run(text);
    CHECK(org_count(doc) == 2 * NAMES);
    size_t wrong = 0;
    for (size_t k = 0; k < NAMES; k++)
        wrong += entity_at(doc, k) != (int)k + 1 || entity_at(doc, k + NAMES) != (int)k + 1;
    CHECK(wrong == 0);
    fx_doc_free(doc);
}

void test_orgs(void)
{
    test_fitting();
    if (!fx_fixture_context()) return;
    test_linking();
    test_document_pass();
    test_campus_town();
    test_whole_name();
    test_list_items();
    test_list_has_no_places();
    test_list_has_sourced_rows();
    test_many_entities();
}
