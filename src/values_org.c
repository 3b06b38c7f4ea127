/* values_org.c - organisation values: {"name"} and, for an acronym,
 * {"name", "acronym_of"}, as the organisation resolver decided them
 * (resolve_org.c), and the fact's "entity", the id the document pass gave
 * every mention of one organisation (resolve_mentions.c). */
#include "org.h"
#include "values_impl.h"

cJSON *fx_value_org(const fx_fact *fact, cJSON **extra)
{
    const fx_org_resolution *r = fact->resolution;
    cJSON *v = cJSON_CreateObject();
    fx_add_lasting(v, "name", r->name);     /* a table field or the arena */
    if (r->acronym_of) fx_add_lasting(v, "acronym_of", r->acronym_of);
    if (r->entity) {
        *extra = cJSON_CreateObject();
        fx_add_number(*extra, "entity", (double)r->entity);
    }
    return v;
}

cJSON *fx_value_acronym(const fx_fact *fact, cJSON **extra)
{
    return fx_value_org(fact, extra);
}
