/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "json.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-types.h"
#include "row.h"
#include "table.h"

struct ovsdb_schema *
ovsdb_schema_create(const char *name, const char *version, const char *cksum)
{
    struct ovsdb_schema *schema = xzalloc(sizeof *schema);

    schema->name = xstrdup(name ? name : "");
    schema->version = xstrdup(version ? version : "");
    schema->cksum = xstrdup(cksum ? cksum : "");
    shash_init(&schema->tables);
    return schema;
}

struct ovsdb_schema *
ovsdb_schema_clone(const struct ovsdb_schema *old)
{
    struct ovsdb_schema *new;
    struct shash_node *node;

    new = ovsdb_schema_create(old->name, old->version, old->cksum);
    SHASH_FOR_EACH (node, &old->tables) {
        const struct ovsdb_table_schema *ts = node->data;

        shash_add(&new->tables, node->name, ovsdb_table_schema_clone(ts));
    }
    return new;
}

void
ovsdb_schema_destroy(struct ovsdb_schema *schema)
{
    struct shash_node *node;

    if (!schema) {
        return;
    }
    SHASH_FOR_EACH (node, &schema->tables) {
        ovsdb_table_schema_destroy(node->data);
    }
    shash_destroy(&schema->tables);
    free(schema->name);
    free(schema->version);
    free(schema->cksum);
    free(schema);
}

struct ovsdb_error *
ovsdb_schema_from_file(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    json_t *json;

    *schemap = NULL;
    json = json_from_file(file_name);
    if (json_is_string(json)) {
        error = ovsdb_error("failed to read schema",
                            "\"%s\" could not be read as JSON (%s)",
                            file_name, json_string_value(json));
        json_decref(json);
        return error;
    }

    error = ovsdb_schema_from_json(json, schemap);
    json_decref(json);
    if (error) {
        return ovsdb_wrap_error(error, "failed to parse \"%s\" as ovsdb "
                                "schema", file_name);
    }
    return NULL;
}

bool
ovsdb_parse_version(const char *s, int *major, int *minor, int *patch)
{
    unsigned int x, y, z;
    int n = 0;

    if (!s || sscanf(s, "%u.%u.%u%n", &x, &y, &z, &n) != 3 || s[n]) {
        return false;
    }
    if (major) {
        *major = x;
    }
    if (minor) {
        *minor = y;
    }
    if (patch) {
        *patch = z;
    }
    return true;
}

bool
ovsdb_is_valid_version(const char *s)
{
    return ovsdb_parse_version(s, NULL, NULL, NULL);
}

bool
ovsdb_is_valid_id(const char *s)
{
    return ovsdb_parser_is_id(s);
}

/* Checks that the refTable of 'base' (the 'which' part of 'column''s
 * type) names a table of 'schema'. */
static struct ovsdb_error *
check_ref_table(const struct ovsdb_column *column,
                const struct shash *tables,
                const struct ovsdb_base_type *base, const char *which)
{
    if (base->type != OVSDB_TYPE_UUID || !base->u.uuid.refTableName
        || shash_find(tables, base->u.uuid.refTableName)) {
        return NULL;
    }
    return ovsdb_syntax_error(NULL, NULL, "column %s %s refers to undefined "
                              "table %s", column->name, which,
                              base->u.uuid.refTableName);
}

struct ovsdb_error *
ovsdb_schema_from_json(const json_t *json, struct ovsdb_schema **schemap)
{
    const json_t *name, *tables, *version_json, *cksum;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    const char *version;
    struct shash_node *node;
    bool any_root = false;

    *schemap = NULL;

    ovsdb_parser_init(&parser, json, "database schema");
    name = ovsdb_parser_member(&parser, "name", OP_ID);
    version_json = ovsdb_parser_member(&parser, "version",
                                       OP_STRING | OP_OPTIONAL);
    cksum = ovsdb_parser_member(&parser, "cksum", OP_STRING | OP_OPTIONAL);
    tables = ovsdb_parser_member(&parser, "tables", OP_OBJECT);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (version_json) {
        version = json_string_value(version_json);
        if (!ovsdb_is_valid_version(version)) {
            return ovsdb_syntax_error(json, NULL, "schema version \"%s\" not "
                                      "in format x.y.z", version);
        }
    } else {
        /* Backward compatibility with old databases. */
        version = "";
    }

    schema = ovsdb_schema_create(json_string_value(name), version,
                                 cksum ? json_string_value(cksum) : "");
    struct shash tables_sh;
    ovsdb_parser_object_to_shash(tables, &tables_sh);
    SHASH_FOR_EACH (node, &tables_sh) {
        const char *table_name = node->name;
        const json_t *table_json = node->data;
        struct ovsdb_table_schema *ts;

        if (*table_name == '_') {
            error = ovsdb_syntax_error(json, NULL, "names beginning with "
                                       "\"_\" are reserved");
        } else if (!ovsdb_parser_is_id(table_name)) {
            error = ovsdb_syntax_error(json, NULL, "name must be a valid id");
        } else {
            error = ovsdb_table_schema_from_json(table_json, table_name,
                                                 &ts);
        }
        if (error) {
            shash_destroy(&tables_sh);
            goto error;
        }
        if (ts->is_root) {
            any_root = true;
        }
        shash_add(&schema->tables, table_name, ts);
    }
    shash_destroy(&tables_sh);

    /* For compatibility with schemas from before "isRoot" existed: if no
     * table is marked root, every table is root. */
    if (!any_root) {
        SHASH_FOR_EACH (node, &schema->tables) {
            struct ovsdb_table_schema *ts = node->data;

            ts->is_root = true;
        }
    }

    /* Every refTable must name a table of the schema. */
    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table_schema *ts = node->data;
        size_t i;

        for (i = 0; i < shash_count(&ts->columns); i++) {
            const struct ovsdb_column *column = ts->by_index[i];

            error = check_ref_table(column, &schema->tables,
                                    &column->type.key, "key");
            if (!error) {
                error = check_ref_table(column, &schema->tables,
                                        &column->type.value, "value");
            }
            if (error) {
                goto error;
            }
        }
    }

    *schemap = schema;
    return NULL;

error:
    ovsdb_schema_destroy(schema);
    return error;
}

json_t *
ovsdb_schema_to_json(const struct ovsdb_schema *schema)
{
    json_t *json, *tables;
    struct shash_node *node;
    bool default_is_root;

    json = json_object();
    json_object_set_new(json, "name", json_string(schema->name));
    if (schema->version[0]) {
        json_object_set_new(json, "version", json_string(schema->version));
    }
    if (schema->cksum[0]) {
        json_object_set_new(json, "cksum", json_string(schema->cksum));
    }

    /* If every table is root, leave "isRoot" out everywhere (which means
     * the same); otherwise write it for the root tables. */
    default_is_root = true;
    SHASH_FOR_EACH (node, &schema->tables) {
        const struct ovsdb_table_schema *ts = node->data;

        if (!ts->is_root) {
            default_is_root = false;
            break;
        }
    }

    tables = json_object();
    SHASH_FOR_EACH (node, &schema->tables) {
        json_object_set_new(tables, node->name,
                            ovsdb_table_schema_to_json(node->data,
                                                       default_is_root));
    }
    json_object_set_new(json, "tables", tables);
    return json;
}

bool
ovsdb_schema_equal(const struct ovsdb_schema *a,
                   const struct ovsdb_schema *b)
{
    json_t *ja = ovsdb_schema_to_json(a);
    json_t *jb = ovsdb_schema_to_json(b);
    bool equal = json_equal(ja, jb);

    json_decref(ja);
    json_decref(jb);
    return equal;
}

/* Databases. */

void
ovsdb_replica_init(struct ovsdb_replica *replica,
                   const struct ovsdb_replica_class *class)
{
    replica->class = class;
    ovs_list_init(&replica->node);
}

/* Points every refTable of 'db''s columns at the table it names. */
static void
resolve_ref_tables(struct ovsdb *db)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->schema->tables) {
        struct ovsdb_table_schema *ts = node->data;
        size_t i;

        for (i = 0; i < shash_count(&ts->columns); i++) {
            struct ovsdb_column *column = ts->by_index[i];
            struct ovsdb_base_type *bases[2] = { &column->type.key,
                                                 &column->type.value };
            int j;

            for (j = 0; j < 2; j++) {
                struct ovsdb_base_type *base = bases[j];

                if (base->type == OVSDB_TYPE_UUID
                    && base->u.uuid.refTableName) {
                    base->u.uuid.refTable
                        = ovsdb_get_table(db, base->u.uuid.refTableName);
                    ovs_assert(base->u.uuid.refTable);
                }
            }
        }
    }
}

struct ovsdb *
ovsdb_create(struct ovsdb_schema *schema, struct ovsdb_storage *storage)
{
    struct shash_node *node;
    struct ovsdb *db;

    db = xzalloc(sizeof *db);
    db->name = xstrdup(schema->name);
    db->schema = schema;
    db->storage = storage;
    shash_init(&db->tables);
    ovs_list_init(&db->replicas);
    ovs_list_init(&db->monitors);
    ovs_list_init(&db->triggers);
    db->run_triggers = false;
    db->txn = NULL;
    db->n_commits = 0;

    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table_schema *ts = node->data;

        shash_add(&db->tables, node->name, ovsdb_table_create(ts));
    }
    resolve_ref_tables(db);
    return db;
}

void
ovsdb_destroy(struct ovsdb *db)
{
    struct ovsdb_replica *replica;
    struct shash_node *node;

    if (!db) {
        return;
    }

    LIST_FOR_EACH_POP (replica, node, &db->replicas) {
        if (replica->class->destroy) {
            replica->class->destroy(replica);
        }
    }

    /* The tables own their schemas, which are also in 'db->schema': take
     * them out of the latter first. */
    SHASH_FOR_EACH (node, &db->schema->tables) {
        node->data = NULL;
    }
    shash_destroy(&db->schema->tables);
    shash_init(&db->schema->tables);
    ovsdb_schema_destroy(db->schema);

    SHASH_FOR_EACH (node, &db->tables) {
        ovsdb_table_destroy(node->data);
    }
    shash_destroy(&db->tables);
    free(db->name);
    free(db);
}

struct ovsdb_table *
ovsdb_get_table(const struct ovsdb *db, const char *name)
{
    return shash_find_data(&db->tables, name);
}

void
ovsdb_add_replica(struct ovsdb *db, struct ovsdb_replica *replica)
{
    ovs_list_push_back(&db->replicas, &replica->node);
}

void
ovsdb_remove_replica(struct ovsdb *db OVS_UNUSED,
                     struct ovsdb_replica *replica)
{
    ovs_list_remove(&replica->node);
    ovs_list_init(&replica->node);
}

void
ovsdb_replace(struct ovsdb *dst, struct ovsdb *src)
{
    struct shash_node *node;
    struct ovsdb_schema *schema;

    ovs_assert(!dst->txn && !src->txn);

    /* Destroy 'dst''s tables and schema. */
    SHASH_FOR_EACH (node, &dst->schema->tables) {
        node->data = NULL;
    }
    shash_destroy(&dst->schema->tables);
    shash_init(&dst->schema->tables);
    ovsdb_schema_destroy(dst->schema);
    SHASH_FOR_EACH (node, &dst->tables) {
        ovsdb_table_destroy(node->data);
    }
    shash_destroy(&dst->tables);

    /* Move 'src''s into 'dst'. */
    schema = src->schema;
    dst->schema = schema;
    shash_init(&dst->tables);
    shash_swap(&dst->tables, &src->tables);
    free(dst->name);
    dst->name = xstrdup(schema->name);
    dst->run_triggers = true;

    /* Free what is left of 'src'. */
    src->schema = ovsdb_schema_create("", "", "");
    ovsdb_destroy(src);
}

size_t
ovsdb_n_rows(const struct ovsdb *db)
{
    struct shash_node *node;
    size_t n = 0;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;

        n += hmap_count(&table->rows);
    }
    return n;
}
