/* export.c - see export.h. */
#include "export.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "arena.h"
#include "brat.h"
#include "calendar.h"
#include "document.h"
#include "emit.h"
#include "factx.h"
#include "input.h"
#include "options.h"
#include "output_files.h"
#include "rules.h"
#include "run.h"
#include "status.h"
#include "workbench.h"

/* One export format. write() puts one document on out and returns 0, or
 * -1 when writing failed. */
/* One document as a writer sees it: the JSON factx wrote for it, its
 * text, and, when it was extracted here (not read from a run's output),
 * the document itself. */
typedef struct export_doc {
    const char *key;            /* its name: the input's, or doc.id / the file's in a run */
    const cJSON *root;          /* the document as factx writes it */
    const char *text;           /* its text; NULL when a run's document has none found */
    size_t text_len;
    const fx_doc *doc;          /* NULL when read from a run's output */
} export_doc;

/* One export format. */
typedef struct export_format {
    const char *name;
    const char *summary;        /* for --help */
    const char *extension;      /* -o DIR: DIR/NAME.EXT per document; NULL: one stream (stdout, or the
                                 * file -o names) that begin() opens */
    int timeml;                 /* extract in TimeML mode; needs the articles, not a run's output */
    int needs_text;             /* a run's document must have its text (--docs DIR, or doc.path) */
    int copy_text;              /* also DIR/NAME.txt, the text the offsets point into (needs -o DIR) */
    void (*begin)(FILE *out);   /* a stream's header; NULL: none */
    void (*collection)(FILE *out);  /* DIR/annotation.conf for the whole folder; NULL: none */
    int (*write)(FILE *out, const export_doc *d);
} export_format;

static int write_timeml_doc(FILE *out, const export_doc *d);
static void csv_header(FILE *out);
static void tsv_header(FILE *out);
static int write_csv(FILE *out, const export_doc *d);
static int write_tsv(FILE *out, const export_doc *d);
static int write_brat(FILE *out, const export_doc *d);

static const export_format formats[] = {
    {"timeml", "TimeML 1.2: the text with a TIMEX3 tag around each date (articles only)", "tml", 1, 0, 0, NULL,
     NULL, write_timeml_doc},
    {"csv", "one row per fact, values flattened into columns (RFC 4180)", NULL, 0, 0, 0, csv_header, NULL,
     write_csv},
    {"tsv", "the same columns, tab-separated (\\t \\n \\r \\\\ escaped)", NULL, 0, 0, 0, tsv_header, NULL,
     write_tsv},
    {"brat", "brat standoff: DIR/NAME.txt, DIR/NAME.ann, DIR/annotation.conf (needs -o DIR)", "ann", 0, 1, 1, NULL,
     fx_brat_write_conf, write_brat},
};
enum { FORMAT_COUNT = sizeof formats / sizeof *formats };

/* ---- TimeML ------------------------------------------------------------ */

/* text[0, len) as XML character data: markup escaped; bytes that are not
 * UTF-8, and control characters XML forbids, as U+FFFD. */
static void put_xml(FILE *out, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) {
            fputs("\xEF\xBF\xBD", out);
            i += n > 0 ? (size_t)n : 1;
            continue;
        }
        if (cp == '&') fputs("&amp;", out);
        else if (cp == '<') fputs("&lt;", out);
        else if (cp == '>') fputs("&gt;", out);
        else if (cp == '"') fputs("&quot;", out);
        else fwrite(text + i, 1, (size_t)n, out);
        i += (size_t)n;
    }
}

static void put_attr(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    put_xml(out, value, strlen(value));
    fputc('"', out);
}

static const char *extra_string(const fx_fact *f, const char *key)
{
    const cJSON *v = f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, key) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* How long a range "START/END" lasts, as a TimeML duration: whole years,
 * months, quarters (as months) or days, both ends counted; "PX" parts when
 * the ends do not say. */
static void range_length(const char *start, const char *end, char *out, size_t size)
{
    fx_ymd a, b;
    int pa = fx_parse_iso(start, &a), pb = fx_parse_iso(end, &b);
    const char *qa = strstr(start, "-Q"), *qb = strstr(end, "-Q");
    if (qa && qb && pa == 1 && pb == 1)
        snprintf(out, size, "P%dM", 3 * ((b.y * 4 + qb[2] - '1') - (a.y * 4 + qa[2] - '1') + 1));
    else if (pa == 3 && pb == 3)
        snprintf(out, size, "P%ldD", fx_days_from_civil(b.y, b.m, b.d) - fx_days_from_civil(a.y, a.m, a.d) + 1);
    else if (pa == 2 && pb == 2)
        snprintf(out, size, "P%dM", (b.y * 12 + b.m) - (a.y * 12 + a.m) + 1);
    else if (pa == 1 && pb == 1 && strlen(start) == 4 && strlen(end) == 4)
        snprintf(out, size, "P%dY", b.y - a.y + 1);
    else
        snprintf(out, size, "PXD");
}

/* The tid of the date fact starting at original offset at ("t3"), or 0. */
static size_t tid_at(const fx_doc *doc, size_t at)
{
    size_t tid = 0;
    for (size_t i = 0; i < doc->fact_count; i++) {
        if (doc->facts[i].type != FX_DATE) continue;
        tid++;
        if (doc->facts[i].start == at) return tid;
    }
    return 0;
}

/* A TimeML 1.2 document as TempEval-3 writes them: the document date in
 * <DCT> as t0, the text with a TIMEX3 around each date fact (tids t1...).
 * A range ("2018-2021") is a DURATION whose beginPoint and endPoint are
 * two TIMEX3s that consume no text, after it (TimeML's way; a TIMEX3
 * value has no intervals). */
static int write_timeml(FILE *out, const fx_doc *doc)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n",
          out);
    fputs("<DOCID>", out);
    put_xml(out, doc->id, strlen(doc->id));
    fputs("</DOCID>\n<DCT>", out);
    if (doc->dct[0])
        fprintf(out, "<TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%s\" temporalFunction=\"false\" "
                     "functionInDocument=\"CREATION_TIME\">%s</TIMEX3>",
                doc->dct, doc->dct);
    fputs("</DCT>\n<TEXT>", out);
    size_t pos = 0, tid = 0, extra_tid = 0;
    for (size_t i = 0; i < doc->fact_count; i++) extra_tid += doc->facts[i].type == FX_DATE;
    for (size_t i = 0; i < doc->fact_count; i++) {
        const fx_fact *f = &doc->facts[i];
        if (f->type != FX_DATE || !cJSON_IsString(f->value)) continue;
        tid++;
        put_xml(out, doc->src + pos, f->start - pos);
        const char *value = f->value->valuestring;
        const char *slash = strchr(value, '/');
        const char *type = extra_string(f, "timex_type");
        const char *mod = extra_string(f, "mod");
        char length[32];
        fprintf(out, "<TIMEX3 tid=\"t%zu\"", tid);
        if (slash) {
            char start[64];
            snprintf(start, sizeof start, "%.*s", (int)(slash - value), value);
            range_length(start, slash + 1, length, sizeof length);
            put_attr(out, "type", "DURATION");
            put_attr(out, "value", length);
            fprintf(out, " beginPoint=\"t%zu\" endPoint=\"t%zu\"", extra_tid + 1, extra_tid + 2);
        } else {
            put_attr(out, "type", type ? type : "DATE");
            put_attr(out, "value", value);
        }
        if (mod) put_attr(out, "mod", mod);
        const cJSON *anchor = f->extra ? cJSON_GetObjectItemCaseSensitive(f->extra, "anchor") : NULL;
        size_t anchor_tid = cJSON_IsNumber(anchor) ? tid_at(doc, (size_t)anchor->valuedouble) : 0;
        if (anchor_tid) fprintf(out, " temporalFunction=\"true\" anchorTimeID=\"t%zu\"", anchor_tid);
        fputc('>', out);
        put_xml(out, doc->src + f->start, f->end - f->start);
        fputs("</TIMEX3>", out);
        if (slash) {
            fprintf(out, "<TIMEX3 tid=\"t%zu\" type=\"DATE\"", ++extra_tid);
            char start[64];
            snprintf(start, sizeof start, "%.*s", (int)(slash - value), value);
            put_attr(out, "value", start);
            fprintf(out, "/><TIMEX3 tid=\"t%zu\" type=\"DATE\"", ++extra_tid);
            put_attr(out, "value", slash + 1);
            fputs("/>", out);
        }
        pos = f->end;
    }
    put_xml(out, doc->src + pos, doc->src_len - pos);
    fputs("</TEXT>\n</TimeML>\n", out);
    return ferror(out) ? -1 : 0;
}

/* ---- the command ------------------------------------------------------- */

static int write_timeml_doc(FILE *out, const export_doc *d) { return write_timeml(out, d->doc); }

/* ---- CSV and TSV --------------------------------------------------------
 * The columns: where the fact is, then each key a value may have (the
 * union over the fact types; empty where a fact's value lacks it), then
 * the whole value as JSON, so that nothing is lost. */

static const char *const fact_columns[] = {"doc", "type", "start", "end", "text", "rule", "sentence"};
static const char *const value_columns[] = {"timex", "start", "end", "grain", "number", "amount", "currency",
                                            "name", "acronym_of", "country_code", "region", "lat", "lon",
                                            "population", "geonames_id"};
enum { FACT_COLUMNS = sizeof fact_columns / sizeof *fact_columns,
       VALUE_COLUMNS = sizeof value_columns / sizeof *value_columns };

typedef void (*field_fn)(FILE *out, const char *s);

/* RFC 4180: quoted when it holds a comma, a quote or a line break */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* TSV as PostgreSQL's COPY and Hive write it: special bytes escaped */
static void tsv_field(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\\': fputs("\\\\", out); break;
        default: fputc(*s, out);
        }
    }
}

static void header(FILE *out, char sep)
{
    for (int i = 0; i < FACT_COLUMNS; i++) fprintf(out, "%s%s", i ? (char[]){sep, 0} : "", fact_columns[i]);
    for (int i = 0; i < VALUE_COLUMNS; i++) fprintf(out, "%cvalue.%s", sep, value_columns[i]);
    fprintf(out, "%cvalue\n", sep);
}

static void csv_header(FILE *out) { header(out, ','); }
static void tsv_header(FILE *out) { header(out, '\t'); }

/* A JSON item as a cell: a string as it is, a number or literal as JSON
 * writes it, nothing for null or a missing item. */
static void cell(FILE *out, const cJSON *item, field_fn field)
{
    if (!item || cJSON_IsNull(item)) return;
    if (cJSON_IsString(item)) {
        field(out, item->valuestring);
        return;
    }
    char *s = cJSON_PrintUnformatted(item);
    if (s) field(out, s);
    free(s);
}

static int write_rows(FILE *out, const export_doc *d, char sep, field_fn field)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(d->root, "facts")) {
        field(out, d->key);
        for (int i = 1; i < FACT_COLUMNS; i++) {
            fputc(sep, out);
            cell(out, cJSON_GetObjectItemCaseSensitive(f, fact_columns[i]), field);
        }
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(f, "value");
        for (int i = 0; i < VALUE_COLUMNS; i++) {
            fputc(sep, out);
            if (cJSON_IsObject(value)) cell(out, cJSON_GetObjectItemCaseSensitive(value, value_columns[i]), field);
        }
        fputc(sep, out);
        char *json = cJSON_PrintUnformatted(value);
        if (json) field(out, json);
        free(json);
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

static int write_csv(FILE *out, const export_doc *d) { return write_rows(out, d, ',', csv_field); }
static int write_tsv(FILE *out, const export_doc *d) { return write_rows(out, d, '\t', tsv_field); }

static int write_brat(FILE *out, const export_doc *d) { return fx_brat_write(out, d->root, d->text, d->text_len); }

/* ---- the command ------------------------------------------------------- */

static void usage(FILE *out)
{
    fputs("usage: factx export --format FORMAT [--docs DIR] [--rules DIR] [--dct YYYY-MM-DD] [-o OUT] PATH...\n"
          "  the facts of each document in FORMAT. A PATH is a run's output (a .json or .jsonl file,\n"
          "  a folder of NAME.json written by -o, or - for JSON Lines on stdin), whose documents are\n"
          "  exported as they are; or articles (a .txt file, a folder of them), extracted first\n"
          "\n"
          "formats:\n",
          out);
    for (int i = 0; i < FORMAT_COUNT; i++) fprintf(out, "  %-8s %s\n", formats[i].name, formats[i].summary);
    fputs("\n"
          "options:\n"
          "  -f, --format FORMAT   the format (above)\n"
          "  -o, --output OUT      csv, tsv: the file OUT (default: stdout); timeml, brat: the folder OUT,\n"
          "                        with OUT/NAME.EXT per document (timeml default: stdout)\n"
          "  --docs DIR            a run's articles, DIR/NAME.txt (default: each document's doc.path)\n"
          "  --rules DIR, --dct YYYY-MM-DD   as for extraction (articles)\n"
          "  -h, --help            this text\n"
          "\n"
          "exit status: 0 written, 1 a PATH or a document's text cannot be read, or two documents\n"
          "             would share OUT/NAME.EXT (the others are written), 2 usage, 3 rules do not\n"
          "             load, 4 output cannot be written\n",
          out);
}

typedef struct export_state {
    const export_format *format;
    const char *out_path, *docs_dir;
    FILE *stream;               /* a stream format's output, or a file-per-document format's without -o */
    fx_diag *diag;
    fx_output_claims *claims;   /* with -o DIR: each file and the document it is for */
    int status;
} export_state;

/* DIR/KEY.EXT through a temporary file and a rename, so that no
 * half-written file is ever seen. 0, or -1 after a diagnostic. */
static int write_file(export_state *st, const char *ext, const export_doc *d, int text_only)
{
    size_t n = strlen(st->out_path) + strlen(d->key) + strlen(ext) + 3;
    char *path = fx_xmalloc(n), *tmp = fx_xmalloc(n + 32);
    snprintf(path, n, "%s/%s.%s", st->out_path, d->key, ext);
    snprintf(tmp, n + 32, "%s.tmp.%ld", path, (long)getpid());
    for (char *p = path + strlen(st->out_path) + 1; *p; p++) {   /* KEY may hold folders */
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0777);
        *p = '/';
    }
    FILE *out = fopen(tmp, "wb");
    int ok = out != NULL;
    if (ok && text_only) ok = fwrite(d->text, 1, d->text_len, out) == d->text_len;
    else if (ok) ok = st->format->write(out, d) == 0;
    if (out && fclose(out) != 0) ok = 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        fx_diag_report(st->diag, FX_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
    }
    free(path);
    free(tmp);
    return ok ? 0 : -1;
}

/* Has an earlier document of this export DIR/KEY.EXT already? Then it
 * says so, naming both: two documents of a JSON Lines run may share an
 * id, and the second would overwrite the first's file. */
static int claimed(export_state *st, const export_doc *d, const char *where)
{
    size_t n = strlen(st->out_path) + strlen(d->key) + strlen(st->format->extension) + 3;
    size_t ln = strlen(where) + strlen(d->key) + 16;
    char *path = fx_xmalloc(n), *label = fx_xmalloc(ln);
    snprintf(path, n, "%s/%s.%s", st->out_path, d->key, st->format->extension);
    snprintf(label, ln, "document %s of %s", d->key, where);
    const char *first = fx_output_claim(st->claims, path, label);
    if (first)
        fx_diag_report(st->diag, FX_ERROR, where, 0, 0, "document %s: not written: its file %s is that of %s, read before it",
                       d->key, path, first);
    free(path);
    free(label);
    return first != NULL;
}

/* One document out, wherever the format puts it. */
static void export_doc_out(export_state *st, const export_doc *d, const char *where)
{
    if (st->format->extension && st->out_path) {
        if (d->key[0] == '/' || strstr(d->key, "..")) {     /* output names may not leave the folder */
            fx_diag_report(st->diag, FX_ERROR, where, 0, 0, "document %s: not a safe file name", d->key);
            st->status = FX_EXIT_INPUT;
        } else if (claimed(st, d, where)) {
            if (st->status == FX_EXIT_OK) st->status = FX_EXIT_INPUT;
        } else if ((st->format->copy_text && write_file(st, "txt", d, 1) < 0) ||
                   write_file(st, st->format->extension, d, 0) < 0) {
            st->status = FX_EXIT_OUTPUT;
        }
    } else if (st->format->write(st->stream, d) < 0) {
        st->status = FX_EXIT_OUTPUT;
    }
}

/* fx_run_read's callback: a document of a run's output. */
static void export_from_run(const char *key, cJSON *root, const char *where, void *user)
{
    export_state *st = user;
    export_doc d = {key, root, NULL, 0, NULL};
    char *text = st->format->needs_text ? fx_run_text(root, key, st->docs_dir, &d.text_len) : NULL;
    d.text = text;
    if (st->format->needs_text && !text) {
        fx_diag_report(st->diag, FX_ERROR, where, 0, 0,
                       "document %s: its text is not found (--docs DIR, or doc.path with doc.bytes bytes)", key);
        st->status = FX_EXIT_INPUT;
    } else {
        export_doc_out(st, &d, where);
    }
    free(text);
    cJSON_Delete(root);
}

/* Is PATH a run's output rather than articles? "-", a .json or .jsonl
 * file, or a folder without any NAME.txt. */
static int is_run(const char *path)
{
    size_t n = strlen(path);
    if (strcmp(path, "-") == 0 || (n > 5 && strcmp(path + n - 5, ".json") == 0) ||
        (n > 6 && strcmp(path + n - 6, ".jsonl") == 0))
        return 1;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
    fx_diag quiet;
    fx_diag_init(&quiet, NULL);
    fx_input_list list = {0};
    fx_input_collect(path, &list, &quiet);
    int articles = list.count > 0;
    fx_input_list_free(&list);
    return !articles;
}

/* The articles among the paths, extracted and exported one by one. */
static void export_articles(export_state *st, char **paths, int count, const char *rules, const char *dct)
{
    fx_input_list list = {0};
    fx_context *ctx;
    int status = fx_cli_load(paths, count, rules, st->diag, &list, &ctx);
    if (status == FX_EXIT_RULES) {
        st->status = status;
        return;
    }
    if (status != FX_EXIT_OK) st->status = status;
    fx_scratch *scratch = fx_scratch_new(ctx);
    for (size_t i = 0; i < list.count && st->status != FX_EXIT_OUTPUT; i++) {
        const fx_input_file *in = &list.files[i];
        char *bytes;
        fx_doc *doc = fx_cli_read_doc(in, st->diag, &bytes);
        if (!doc) {
            st->status = FX_EXIT_INPUT;
            continue;
        }
        fx_doc_set_timeml(doc, st->format->timeml);
        if (dct) fx_doc_set_dct(doc, dct, FX_DCT_OPTION);
        fx_extract(ctx, scratch, doc, NULL);
        cJSON *root = fx_emit_tree(doc);
        export_doc d = {in->name, root, doc->src, doc->src_len, doc};
        export_doc_out(st, &d, in->path);
        cJSON_Delete(root);
        fx_doc_free(doc);
        free(bytes);
    }
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    fx_input_list_free(&list);
}

int fx_export_run(int argc, char **argv, const char *default_rules)
{
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"docs", required_argument, NULL, 'D'},   {"rules", required_argument, NULL, 'r'},
        {"dct", required_argument, NULL, 'd'},    {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    export_state st = {0};
    const char *format_name = NULL, *rules = default_rules, *dct = NULL;
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1;) {
        switch (c) {
        case 'f': format_name = optarg; break;
        case 'o': st.out_path = optarg; break;
        case 'D': st.docs_dir = optarg; break;
        case 'r': rules = optarg; break;
        case 'd': dct = optarg; break;
        case 'h': usage(stdout); return FX_EXIT_OK;
        default: return fx_cli_option_error("export", c, argv);
        }
    }
    for (int i = 0; format_name && i < FORMAT_COUNT; i++)
        if (strcmp(formats[i].name, format_name) == 0) st.format = &formats[i];
    if (!format_name) return fx_cli_usage_error("export", "wants --format FORMAT");
    if (!st.format) {
        char names[128] = "";
        for (int i = 0; i < FORMAT_COUNT; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", formats[i].name);
        return fx_cli_usage_error("export", "unknown format '%s' (%s)", format_name, names);
    }
    if (optind == argc) return fx_cli_usage_error("export", "wants a PATH (a run's output, or articles)");
    if (st.format->copy_text && !st.out_path)
        return fx_cli_usage_error("export", "--format %s writes files: it wants -o DIR", st.format->name);
    if (dct && !fx_cli_dct_valid(dct)) return FX_EXIT_USAGE;
    /* runs and articles, each kept in the order given */
    char **runs = fx_xcalloc((size_t)argc, sizeof *runs), **articles = fx_xcalloc((size_t)argc, sizeof *articles);
    int run_count = 0, article_count = 0;
    for (int i = optind; i < argc; i++) {
        if (is_run(argv[i])) runs[run_count++] = argv[i];
        else articles[article_count++] = argv[i];
    }
    if (st.format->timeml && run_count) {
        int status = fx_cli_usage_error("export", "--format %s extracts in TimeML mode: it wants articles, not '%s'",
                                        st.format->name, runs[0]);
        free(runs);
        free(articles);
        return status;
    }
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    st.diag = &diag;
    if (st.format->extension && st.out_path) {
        if (fx_output_dir_check(st.out_path, &diag) < 0) st.status = FX_EXIT_OUTPUT;
        st.claims = fx_output_claims_new();
    } else {
        st.stream = st.out_path ? fopen(st.out_path, "wb") : stdout;
        if (!st.stream) {
            fx_diag_report(&diag, FX_ERROR, st.out_path, 0, 0, "cannot write: %s", strerror(errno));
            st.status = FX_EXIT_OUTPUT;
        } else if (st.format->begin) {
            st.format->begin(st.stream);
        }
    }
    for (int i = 0; i < run_count && st.status != FX_EXIT_OUTPUT; i++)
        if (fx_run_read(runs[i], export_from_run, &st, &diag) < 0 && st.status == FX_EXIT_OK) st.status = FX_EXIT_INPUT;
    if (article_count && st.status != FX_EXIT_OUTPUT) export_articles(&st, articles, article_count, rules, dct);
    if (st.format->collection && st.out_path && st.status != FX_EXIT_OUTPUT) {
        size_t n = strlen(st.out_path) + 20;
        char *conf = fx_xmalloc(n);
        snprintf(conf, n, "%s/annotation.conf", st.out_path);
        FILE *out = fopen(conf, "wb");
        if (out) st.format->collection(out);
        if (!out || fclose(out) != 0) {
            fx_diag_report(&diag, FX_ERROR, conf, 0, 0, "cannot write: %s", strerror(errno));
            st.status = FX_EXIT_OUTPUT;
        }
        free(conf);
    }
    if (st.stream && st.stream != stdout && fclose(st.stream) != 0) {
        fx_diag_report(&diag, FX_ERROR, st.out_path, 0, 0, "cannot write: %s", strerror(errno));
        st.status = FX_EXIT_OUTPUT;
    }
    fx_output_claims_free(st.claims);
    free(runs);
    free(articles);
    return st.stream == stdout ? fx_cli_stdout_status(st.status) : st.status;
}
