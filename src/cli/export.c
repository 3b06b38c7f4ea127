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

#include "calendar.h"
#include "document.h"
#include "factx.h"
#include "input.h"
#include "options.h"
#include "rules.h"
#include "status.h"
#include "workbench.h"

/* One export format. write() puts one document on out and returns 0, or
 * -1 when writing failed. */
typedef struct export_format {
    const char *name;
    const char *extension;      /* of DIR/NAME.EXT with -o */
    int timeml;                 /* extract in TimeML mode */
    int (*write)(FILE *out, const fx_doc *doc);
} export_format;

static int write_timeml(FILE *out, const fx_doc *doc);

static const export_format formats[] = {
    {"timeml", "tml", 1, write_timeml},
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

static void usage(FILE *out)
{
    fputs("usage: factx export --format FORMAT [--rules DIR] [--dct YYYY-MM-DD] [-o DIR] PATH...\n"
          "  each document's facts in FORMAT, on stdout one document after the other, or one file\n"
          "  per document in DIR\n"
          "\n"
          "options:\n"
          "  --format FORMAT    one of:",
          out);
    for (int i = 0; i < FORMAT_COUNT; i++) fprintf(out, " %s (DIR/NAME.%s)", formats[i].name, formats[i].extension);
    fputs("\n"
          "  -o, --output DIR   write DIR/NAME.EXT per input NAME.txt (default: stdout)\n"
          "  --rules DIR, --dct YYYY-MM-DD   as for extraction\n"
          "  -h, --help         this text\n"
          "\n"
          "exit status: 0 written, 1 an input cannot be read (the others are written), 2 usage,\n"
          "             3 rules do not load, 4 output cannot be written\n",
          out);
}

/* DIR/NAME.EXT for input name, through NAME.EXT.tmp and a rename so that
 * no half-written file is ever seen. 0, or -1 after a diagnostic. */
static int write_file(const char *dir, const char *name, const export_format *format, const fx_doc *doc,
                      fx_diag *diag)
{
    size_t n = strlen(dir) + strlen(name) + strlen(format->extension) + 16;
    char *path = fx_xmalloc(n), *tmp = fx_xmalloc(n + 8);
    snprintf(path, n, "%s/%s.%s", dir, name, format->extension);
    snprintf(tmp, n + 8, "%s.tmp", path);
    for (char *p = path + strlen(dir) + 1; *p; p++) {   /* NAME may hold directories */
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0777);
        *p = '/';
    }
    FILE *out = fopen(tmp, "wb");
    int status = out && format->write(out, doc) == 0 ? 0 : -1;
    if (out && fclose(out) != 0) status = -1;
    if (status == 0 && rename(tmp, path) != 0) status = -1;
    if (status < 0) {
        fx_diag_report(diag, FX_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
    }
    free(path);
    free(tmp);
    return status;
}

int fx_export_run(int argc, char **argv, const char *default_rules)
{
    const char *rules = default_rules, *dct = NULL, *out_dir = NULL, *format_name = NULL;
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"rules", required_argument, NULL, 'r'},  {"dct", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    fx_cli_getopt_begin();
    for (int c; (c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1;) {
        switch (c) {
        case 'f': format_name = optarg; break;
        case 'o': out_dir = optarg; break;
        case 'r': rules = optarg; break;
        case 'd': dct = optarg; break;
        case 'h': usage(stdout); return FX_EXIT_OK;
        default: return fx_cli_option_error("export", c, argv);
        }
    }
    char **paths = argv + optind;
    int path_count = argc - optind;
    const export_format *format = NULL;
    for (int i = 0; format_name && i < FORMAT_COUNT; i++)
        if (!strcmp(formats[i].name, format_name)) format = &formats[i];
    if (!format_name) return fx_cli_usage_error("export", "wants --format FORMAT");
    if (!format) return fx_cli_usage_error("export", "unknown format '%s'", format_name);
    if (!path_count) return fx_cli_usage_error("export", "wants a PATH to export");
    if (dct && !fx_cli_dct_valid(dct)) return FX_EXIT_USAGE;
    if (out_dir && mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "factx: %s: cannot create output directory: %s\n", out_dir, strerror(errno));
        return FX_EXIT_OUTPUT;
    }
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    fx_input_list list = {0};
    fx_context *ctx;
    int status = fx_cli_load(paths, path_count, rules, &diag, &list, &ctx);
    if (status == FX_EXIT_RULES) return status;
    fx_scratch *scratch = fx_scratch_new(ctx);
    for (size_t i = 0; i < list.count && status != FX_EXIT_OUTPUT; i++) {
        const fx_input_file *in = &list.files[i];
        char *bytes;
        fx_doc *doc = fx_cli_read_doc(in, &diag, &bytes);
        if (!doc) {
            status = FX_EXIT_INPUT;
            continue;
        }
        fx_doc_set_timeml(doc, format->timeml);
        if (dct) fx_doc_set_dct(doc, dct, FX_DCT_OPTION);
        fx_extract(ctx, scratch, doc, NULL);
        if (out_dir) {
            if (write_file(out_dir, in->name, format, doc, &diag) < 0) status = FX_EXIT_OUTPUT;
        } else if (format->write(stdout, doc) < 0 || fflush(stdout) == EOF) {
            if (errno != EPIPE) fx_diag_report(&diag, FX_ERROR, "<stdout>", 0, 0, "write error: %s", strerror(errno));
            status = errno == EPIPE ? status : FX_EXIT_OUTPUT;
            fx_doc_free(doc);
            free(bytes);
            break;
        }
        fx_doc_free(doc);
        free(bytes);
    }
    fx_scratch_free(scratch);
    fx_context_free(ctx);
    fx_input_list_free(&list);
    return status;
}
