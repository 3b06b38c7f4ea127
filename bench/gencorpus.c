/* gencorpus.c - the deterministic benchmark corpus.
 *
 *   gencorpus [-s SEED] [-b BYTES | -n DOCS] [-t TEXT_OUT] OUT.jsonl FILE...
 *
 * Splits the articles FILE... (the .txt files of corpus/) into headlines and sentences,
 * then assembles articles from them until BYTES of text (default 100 MB)
 * or DOCS articles are written: a headline, sometimes a dateline, and
 * paragraphs of corpus sentences with every digit varied (years stay
 * plausible, month names are swapped) mixed with template sentences that
 * carry dates, sums, percentages, cities and organisations. Writes JSON
 * Lines {"id","text"[,"dct"]} to OUT.jsonl and, with -t, the same texts
 * separated by blank lines (for pcre2grep). The random generator is our own
 * (Park-Miller), so the same seed and inputs give the same bytes anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng_state;

static unsigned long next_random(void)
{
    rng_state = rng_state * 16807ULL % 2147483647ULL;
    return (unsigned long)rng_state;
}

static int pick(int n) { return (int)(next_random() % (unsigned long)n); }

typedef struct strings {
    char **items;
    size_t count, capacity;
} strings;

static void push(strings *s, const char *p, size_t n)
{
    if (s->count == s->capacity) {
        s->capacity = s->capacity ? 2 * s->capacity : 256;
        s->items = realloc(s->items, s->capacity * sizeof *s->items);
        if (!s->items) { perror("gencorpus"); exit(1); }
    }
    char *c = malloc(n + 1);
    if (!c) { perror("gencorpus"); exit(1); }
    memcpy(c, p, n);
    c[n] = '\0';
    s->items[s->count++] = c;
}

typedef struct buffer {
    char *data;
    size_t len, capacity;
} buffer;

static void put(buffer *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->capacity) {
        while (b->len + n + 1 > b->capacity) b->capacity = b->capacity ? 2 * b->capacity : 4096;
        b->data = realloc(b->data, b->capacity);
        if (!b->data) { perror("gencorpus"); exit(1); }
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_buf(buffer *b, const char *s) { put(b, s, strlen(s)); }

static void printf_buf(buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void printf_buf(buffer *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, n < (int)sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};
static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
static const char *const cities[] = {
    "Beijing", "Shanghai", "Wuhan", "Copenhagen", "Aarhus", "Paris", "London", "Berlin", "New York",
    "Tokyo", "Mumbai", "São Paulo", "Zürich", "Kraków", "Xi'an", "Los Angeles", "Nairobi", "Lagos",
    "Cairo", "Sydney", "Toronto", "Madrid", "Rome", "Oslo", "Stockholm", "Helsinki", "Vienna",
    "Prague", "Warsaw", "Seoul", "Jakarta", "Manila", "Bangkok", "Hanoi", "Dubai", "Istanbul",
    "Lisbon", "Dublin", "Billund", "Bjerringbro", "Guangzhou", "Shenzhen", "Chengdu", "Hamburg"};
static const char *const orgs[] = {
    "Xinhua", "Danfoss", "Grundfos", "the World Bank", "the European Commission",
    "Tsinghua University", "the Ministry of Finance", "Acme Corporation",
    "the National Bureau of Statistics", "UNICEF", "the International Monetary Fund (IMF)",
    "Siemens", "the Danish Energy Agency", "Nordic Investment Bank", "the Asian Development Bank",
    "Rockwool", "COWI", "Ramboll", "the People's Bank of China", "Technical University of Denmark"};
static const char *const people[] = {"Li Wei", "Anna Jensen", "Maria Silva", "John Smith",
                                     "Chen Jing", "Lars Nielsen", "Fatima Bello", "Kenji Sato"};
static const char *const symbols[] = {"$", "€", "£", "¥", "US$", "USD ", "EUR ", "DKK "};
static const char *const currency_names[] = {"yuan", "euros", "dollars", "kroner", "pounds", "yen"};
static const char *const scales[] = {"million", "billion", "thousand", "trillion"};

static int year(void) { return 1990 + pick(40); }

/* One template sentence with a date, a sum, a percentage or a name. */
static void template_sentence(buffer *b)
{
    const char *city = cities[pick(sizeof cities / sizeof *cities)];
    const char *city2 = cities[pick(sizeof cities / sizeof *cities)];
    const char *org = orgs[pick(sizeof orgs / sizeof *orgs)];
    const char *month = months[pick(12)];
    int y = year();
    switch (pick(10)) {
    case 0:
        printf_buf(b, "On %d %s %d, %s said its revenue rose %d.%d%% to %s%d.%d %s.", 1 + pick(28), month, y,
                   org, pick(30), pick(10), symbols[pick(8)], 1 + pick(900), pick(10), scales[pick(4)]);
        break;
    case 1:
        printf_buf(b, "The project in %s will cost %d million %s, according to %s.", city, 2 + pick(800),
                   currency_names[pick(6)], org);
        break;
    case 2:
        printf_buf(b, "Prices in %s fell %d percent last year, and analysts expect growth of %d.%d%% in %d.",
                   city, 1 + pick(20), pick(9), pick(10), y);
        break;
    case 3:
        printf_buf(b, "%s, head of %s, visited %s on %s and again in %s %d.", people[pick(8)], org, city,
                   weekdays[pick(5)], month, y);
        break;
    case 4:
        printf_buf(b, "Between %d and %d, exports from %s to %s grew by %d per cent, worth $%d.%d billion.", y,
                   y + 1 + pick(8), city, city2, 2 + pick(60), 1 + pick(99), pick(10));
        break;
    case 5:
        printf_buf(b, "%s said on %d-%02d-%02d that it had raised €%dm from investors in %s.", org, y,
                   1 + pick(12), 1 + pick(28), 5 + pick(500), city);
        break;
    case 6:
        printf_buf(b, "Three years ago, fewer than %d,%03d people lived in %s; by %s %d, %d %s.", 1 + pick(900),
                   pick(1000), city, month, y, 1 + pick(12), "months later, the number had doubled");
        break;
    case 7:
        printf_buf(b, "In the %d0s, %s was a small town, %s officials told %s.", 195 + pick(7), city, city2, org);
        break;
    case 8:
        printf_buf(b, "Next year %s plans to invest %s%d %s in %s, up %d%% from %d.", org, symbols[pick(8)],
                   1 + pick(99), scales[pick(4)], city, 1 + pick(90), y);
        break;
    default:
        printf_buf(b, "The agreement, signed in %s in late %s, runs until the summer of %d.", city, month, y);
        break;
    }
}

/* A corpus sentence with its digits varied. */
static void varied_sentence(buffer *b, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (s[i] >= '0' && s[i] <= '9') {
            size_t j = i;
            while (j < n && s[j] >= '0' && s[j] <= '9') j++;
            if (j - i == 4 && (s[i] == '1' || s[i] == '2')) {
                printf_buf(b, "%d", year());
            } else {
                for (size_t k = i; k < j; k++) {
                    char c = (char)('0' + pick(10));
                    if (k == i && s[k] != '0' && c == '0') c = '1';
                    put(b, &c, 1);
                }
            }
            i = j;
            continue;
        }
        int swapped = 0;
        if (s[i] >= 'A' && s[i] <= 'Z' && (i == 0 || s[i - 1] == ' ')) {
            for (int m = 0; m < 12 && !swapped; m++) {
                size_t ml = strlen(months[m]);
                if (strncmp(s + i, months[m], ml) == 0 && (s[i + ml] < 'a' || s[i + ml] > 'z')) {
                    puts_buf(b, months[pick(12)]);
                    i += ml;
                    swapped = 1;
                }
            }
        }
        if (!swapped) put(b, s + i++, 1);
    }
}

/* Split one article into headlines (short lines) and sentences. */
static void split_article(const char *text, strings *headlines, strings *sentences)
{
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (n > 0 && n < 80 && !memchr(p, '.', n)) push(headlines, p, n);
        else if (n > 0) {
            size_t start = 0;
            for (size_t i = 0; i < n; i++) {
                int end = (p[i] == '.' || p[i] == '!' || p[i] == '?') && i + 2 < n && p[i + 1] == ' ' &&
                          p[i + 2] >= 'A' && p[i + 2] <= 'Z';
                if (end || i + 1 == n) {
                    size_t len = i + 1 - start;
                    if (len >= 20) push(sentences, p + start, len);
                    start = i + 2;
                    i++;
                }
            }
        }
        p += n + (eol ? 1 : 0);
    }
}

static void json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\t') fputs("\\t", out);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

int main(int argc, char **argv)
{
    unsigned long seed = 20141204;
    double bytes = 100e6;
    long docs = -1;
    const char *text_out = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (i + 1 >= argc) break;
        if (strcmp(argv[i], "-s") == 0) seed = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-b") == 0) bytes = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "-n") == 0) docs = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-t") == 0) text_out = argv[++i];
        else break;
    }
    if (argc - i < 2) {
        fputs("usage: gencorpus [-s SEED] [-b BYTES | -n DOCS] [-t TEXT_OUT] OUT.jsonl FILE...\n", stderr);
        return 2;
    }
    rng_state = seed % 2147483646ULL + 1;
    strings headlines = {0}, sentences = {0};
    for (int f = i + 1; f < argc; f++) {
        FILE *in = fopen(argv[f], "rb");
        if (!in) { perror(argv[f]); return 1; }
        buffer b = {0};
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) put(&b, chunk, got);
        fclose(in);
        if (b.data) split_article(b.data, &headlines, &sentences);
        free(b.data);
    }
    if (sentences.count == 0 || headlines.count == 0) {
        fputs("gencorpus: no sentences or headlines in the input files\n", stderr);
        return 1;
    }
    FILE *out = fopen(argv[i], "wb");
    FILE *text = text_out ? fopen(text_out, "wb") : NULL;
    if (!out || (text_out && !text)) { perror("gencorpus"); return 1; }
    double written = 0;
    buffer b = {0};
    for (long d = 0; docs >= 0 ? d < docs : written < bytes; d++) {
        b.len = 0;
        varied_sentence(&b, headlines.items[pick((int)headlines.count)]);
        puts_buf(&b, "\n\n");
        if (pick(3) == 0)
            printf_buf(&b, "%s, %s %d (Xinhua) -- ", cities[pick(sizeof cities / sizeof *cities)],
                       months[pick(12)], 1 + pick(28));
        int paragraphs = 3 + pick(8);
        for (int p = 0; p < paragraphs; p++) {
            int count = 1 + pick(4);
            for (int s = 0; s < count; s++) {
                if (s) puts_buf(&b, " ");
                size_t start = b.len;
                if (pick(10) < 3) template_sentence(&b);
                else varied_sentence(&b, sentences.items[pick((int)sentences.count)]);
                if (b.data[start] >= 'a' && b.data[start] <= 'z') b.data[start] = (char)(b.data[start] - 'a' + 'A');
            }
            puts_buf(&b, p + 1 < paragraphs ? "\n\n" : "\n");
        }
        fprintf(out, "{\"id\":\"bench-%06ld\",\"text\":", d + 1);
        json_string(out, b.data, b.len);
        if (pick(2)) fprintf(out, ",\"dct\":\"%d-%02d-%02d\"", 2010 + pick(16), 1 + pick(12), 1 + pick(28));
        fputs("}\n", out);
        if (text) {
            fwrite(b.data, 1, b.len, text);
            fputc('\n', text);
        }
        written += (double)b.len;
    }
    free(b.data);
    for (size_t k = 0; k < headlines.count; k++) free(headlines.items[k]);
    for (size_t k = 0; k < sentences.count; k++) free(sentences.items[k]);
    free(headlines.items);
    free(sentences.items);
    if (fclose(out) != 0 || (text && fclose(text) != 0)) { perror("gencorpus"); return 1; }
    return 0;
}
