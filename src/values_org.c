/* values_org.c - organisation values: {"name"} and, for an acronym,
 * {"name", "acronym_of"}, as the organisation resolver decided them
 * (resolve_org.c), and the fact's "entity", the id the document pass gave
 * every mention of one organisation (resolve_mentions.c). */
#include "org.h"
#include "values_impl.h"

void fx_value_org(const fx_fact *fact, fx_value_out *out)
{
    const fx_org_resolution *r = fact->resolution;
    /* The known organisations come back in document after document: a
     * value made of a table's fields (r->lasting) is copied from where
     * the thread's keeper kept it (json_print.h), as a city's is. */
    fx_json_writer *json = r->lasting ? out->json : NULL;
    if (json && fx_json_copy_kept(json, r->name, r->acronym_of)) return;
    size_t at = json ? json->len : 0;
    fx_out_begin_object(out, NULL);
    fx_out_string(out, "name", r->name);     /* a table field or the arena */
    if (r->acronym_of) fx_out_string(out, "acronym_of", r->acronym_of);
    fx_out_end_object(out);
    if (json) fx_json_keep(json, r->name, r->acronym_of, at);
}

void fx_extra_org(const fx_fact *fact, fx_value_out *out)
{
    const fx_org_resolution *r = fact->resolution;
    if (r->entity) fx_out_count(out, "entity", r->entity);
}
