/* rules_lookup.c - things of a loaded context found by name: tables,
 * rules, a rule's groups (rules.h). Below the loader's other parts, which
 * use it too (rules_impl.h). */
#include <string.h>

#include "rules_impl.h"

/* The tables belong to the context; the loader may fill in their regex. */
fx_table *fx_rules_loader_table(const fx_context *ctx, const char *name)
{
    /* the first byte first: the resolvers look their tables up by name
     * once per document */
    for (size_t i = 0; i < ctx->table_count; i++)
        if (ctx->tables[i].name[0] == name[0] && strcmp(ctx->tables[i].name, name) == 0) return &ctx->tables[i];
    return NULL;
}

fx_table *fx_rules_named_table(const fx_context *ctx, const char *name, size_t len)
{
    if (len > 119) len = 119;   /* the name as the expander has always cut it */
    for (size_t i = 0; i < ctx->table_count; i++) {
        const char *t = ctx->tables[i].name;
        if (t[0] == name[0] && strncmp(t, name, len) == 0 && t[len] == '\0') return &ctx->tables[i];
    }
    return NULL;
}

const fx_table *fx_rules_table(const fx_context *ctx, const char *name)
{
    return fx_rules_loader_table(ctx, name);
}

const fx_rule *fx_rules_find(const fx_context *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->rule_count; i++)
        if (strcmp(ctx->rules[i].id, id) == 0) return &ctx->rules[i];
    return NULL;
}

int fx_rule_group(const fx_rule *rule, const char *name)
{
    /* the first byte first, as for the tables: the date stages ask a
     * rule's groups per match */
    for (size_t i = 0; i < rule->group_count; i++) {
        const char *g = rule->group_names[i];
        if (g && g[0] == name[0] && strcmp(g, name) == 0) return (int)i;
    }
    return -1;
}
