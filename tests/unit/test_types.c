/* test_types.c - the registry of fact types (src/types.c) is complete:
 * every registered type is in docs/factx.schema.json (the fact's type
 * enum, its value definition, the clause that ties them) and in the HTML
 * report (legend, colour, the browser check's list) and has a value
 * normaliser of its name (a value kind, rules.h); names round-trip. */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "harness.h"
#include "html.h"
#include "input.h"
#include "rules.h"
#include "types.h"

static const cJSON *at(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

/* 1 when schema's fact ties type `name` to the value definition `def`:
 * {"if": {"properties": {"type": {"const": name}}}, "then": {"properties":
 * {"value": {"$ref": "#/$defs/" def}}}} among fact.allOf. */
static int schema_ties(const cJSON *fact, const char *name, const char *def)
{
    char ref[128];
    snprintf(ref, sizeof ref, "#/$defs/%s", def);
    const cJSON *clause;
    cJSON_ArrayForEach(clause, at(fact, "allOf")) {
        const char *type = cJSON_GetStringValue(at(at(at(at(clause, "if"), "properties"), "type"), "const"));
        const char *value = cJSON_GetStringValue(at(at(at(at(clause, "then"), "properties"), "value"), "$ref"));
        if (type && value && strcmp(type, name) == 0 && strcmp(value, ref) == 0) return 1;
    }
    return 0;
}

static int in_strings(const cJSON *array, const char *s)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, array)
        if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0) return 1;
    return 0;
}

static void test_schema(void)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char *bytes = NULL;
    size_t len = 0;
    CHECK(fx_input_read("docs/factx.schema.json", &bytes, &len, &diag) == 0);
    cJSON *schema = bytes ? cJSON_ParseWithLength(bytes, len) : NULL;
    free(bytes);
    CHECK(schema != NULL);
    if (!schema) return;
    const cJSON *defs = at(schema, "$defs"), *fact = at(defs, "fact");
    const cJSON *type_enum = at(at(at(fact, "properties"), "type"), "enum");
    CHECK(cJSON_GetArraySize(type_enum) == FX_TYPE_COUNT);   /* no type the registry lacks */
    for (int t = 0; t < FX_TYPE_COUNT; t++) {
        const fx_type_info *row = &fx_types[t];
        if (!in_strings(type_enum, row->name)) fprintf(stderr, "schema: fact type enum lacks %s\n", row->name);
        CHECK(in_strings(type_enum, row->name));
        CHECK(cJSON_IsObject(at(defs, row->schema)));
        CHECK(schema_ties(fact, row->name, row->schema));
    }
    cJSON_Delete(schema);
}

static void test_html_legend(void)
{
    char *page = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&page, &size);
    fx_html *h = fx_html_new("registry");
    static const char doc[] = "{\"facts\":[]}";
    cJSON *tree = cJSON_Parse(doc);
    fx_html_add(h, "d", NULL, "", 0, tree, NULL);
    CHECK(fx_html_write(h, out) == 0);
    fclose(out);
    fx_html_free(h);
    cJSON_Delete(tree);
    for (int t = 0; t < FX_TYPE_COUNT; t++) {
        const fx_type_info *row = &fx_types[t];
        char want[256];
        snprintf(want, sizeof want, "<button type=\"button\" class=\"fx fx-%s\" data-type=\"%s\" data-count=\"0\" "
                 "aria-pressed=\"true\" title=\"show or hide %s\">%s 0</button>", row->name, row->name, row->label,
                 row->label);
        CHECK(strstr(page, want) != NULL);       /* its button in the legend (which the browser check reads) */
        snprintf(want, sizeof want, ".fx-%s{background:%s}", row->name, row->colour);
        CHECK(strstr(page, want) != NULL);       /* its colour */
        for (int u = 0; u < t; u++) CHECK(strcmp(fx_types[u].colour, row->colour) != 0);
    }
    free(page);
}

static void test_names(void)
{
    for (int t = 0; t < FX_TYPE_COUNT; t++) {
        const char *name = fx_type_name((fx_type)t);
        CHECK(name && *name && fx_types[t].label && *fx_types[t].label);
        CHECK(fx_type_from_name(name, strlen(name)) == t);
    }
    for (int t = 0; t < FX_TYPE_COUNT; t++) {   /* the normaliser its rules use by default */
        int kind = 0;
        while (kind < FX_VALUE_KIND_COUNT && strcmp(fx_value_kind_names[kind], fx_types[t].name) != 0) kind++;
        CHECK(kind < FX_VALUE_KIND_COUNT);
    }
    CHECK_STR(fx_type_name(FX_TYPE_NONE), "none");
    CHECK(fx_type_from_name("none", 4) == FX_TYPE_NONE);
    CHECK(fx_type_from_name("dates", 5) < 0 && fx_type_from_name("date", 3) < 0);
    char buf[128];
    CHECK_STR(fx_type_list(buf, sizeof buf), "date,money,percent,city,org");
    CHECK_STR(fx_type_list(buf, 8), "date,mo");   /* cut, still terminated */
}

void test_types(void)
{
    test_names();
    test_schema();
    test_html_legend();
}
