/* values_org.c - organisation values: {"name"} and, for an acronym,
 * {"name", "acronym_of"}, as the organisation resolver decided them
 * (resolve_org.c), and the fact's "entity", the id the document pass gave
 * every mention of one organisation (resolve_mentions.c). */
#include "org.h"
#include "values_impl.h"

void fx_value_org(const fx_fact *fact, fx_value_out *out)
{
    const fx_org_resolution *r = fact->resolution;
    fx_out_begin_object(out, NULL);
    fx_out_string(out, "name", r->name);     /* a table field or the arena */
    if (r->acronym_of) fx_out_string(out, "acronym_of", r->acronym_of);
    fx_out_end_object(out);
}

void fx_extra_org(const fx_fact *fact, fx_value_out *out)
{
    const fx_org_resolution *r = fact->resolution;
    if (r->entity) fx_out_count(out, "entity", r->entity);
}
