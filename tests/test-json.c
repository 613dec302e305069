/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises lib/json: "ovstest test-json [OPTIONS] FILE" parses FILE ("-"
 * for stdin) and prints each JSON text it holds, serialized, one per line,
 * or "error: MESSAGE" for a text that does not parse.
 *
 * Options:
 *   --multiple         FILE holds back-to-back JSON texts (as on a
 *                      JSON-RPC stream) rather than exactly one.
 *   --chunk=N          Feed the parser N bytes at a time (default: all).
 *   --random=SEED      Feed the parser chunks of random sizes (1 to 64
 *                      bytes) chosen from SEED.
 *   --max-size=N       Limit each text to N bytes.
 *   --value            Accept any value at top level, not just arrays and
 *                      objects.
 *   --pretty, --sort   Serialize with JSSF_PRETTY, JSSF_SORT.
 *
 * "ovstest test-json escape STRING..." prints each STRING JSON-escaped.
 * "ovstest test-json build" prints values made with the constructors. */

#include <config.h>
#include "json.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "random.h"

/* Options. */
struct test_json_options {
    bool multiple;              /* Back-to-back texts? */
    size_t chunk;               /* Bytes per feed, 0 for all at once. */
    bool random;                /* Random chunk sizes? */
    size_t max_size;            /* Per-text size limit, 0 for none. */
    int parse_flags;            /* JSPF_*. */
    int print_flags;            /* JSSF_*. */
};

/* Reads all of 'file_name' ("-" for stdin) into 'ds'. */
static void
read_file(const char *file_name, struct ds *ds)
{
    FILE *stream = strcmp(file_name, "-") ? fopen(file_name, "rb") : stdin;
    char buffer[4096];
    size_t n;

    if (!stream) {
        ovs_fatal(errno, "%s: open failed", file_name);
    }
    while ((n = fread(buffer, 1, sizeof buffer, stream)) > 0) {
        ds_put_buffer(ds, buffer, n);
    }
    if (stream != stdin) {
        fclose(stream);
    }
}

/* Returns the size of the next chunk to feed, at most 'left'. */
static size_t
next_chunk(const struct test_json_options *o, size_t left)
{
    size_t n = (o->random ? 1 + random_range(64)
                : o->chunk ? o->chunk
                : left);
    return MIN(n, left);
}

/* Finishes 'p' and prints its value or error.  Returns false on error. */
static bool
print_result(struct json_parser *p, const struct test_json_options *o)
{
    json_t *value;
    char *error = json_parser_finish_value(p, &value);

    if (error) {
        printf("error: %s\n", error);
        free(error);
        return false;
    } else {
        char *s = json_to_string(value, o->print_flags);
        puts(s);
        free(s);
        json_decref(value);
        return true;
    }
}

/* Parses the 'size' bytes in 'input' as back-to-back texts, feeding them
 * in chunks, and prints each.  Returns false if there was an error. */
static bool
parse_multiple(const char *input, size_t size,
               const struct test_json_options *o)
{
    struct json_parser *p = NULL;
    size_t ofs = 0;

    while (ofs < size) {
        size_t chunk = next_chunk(o, size - ofs);

        /* Feed the chunk, starting a new parser for each text. */
        while (chunk > 0) {
            size_t used;

            if (!p) {
                p = json_parser_create(o->parse_flags);
                json_parser_set_max_size(p, o->max_size);
            }
            used = json_parser_feed(p, &input[ofs], chunk);
            ofs += used;
            chunk -= used;
            if (json_parser_is_done(p)) {
                bool ok = print_result(p, o);
                p = NULL;
                if (!ok) {
                    return false;
                }
            }
        }
    }

    /* End of input: only white space may be pending. */
    if (p) {
        if (json_parser_has_input(p)) {
            return print_result(p, o);
        }
        json_parser_abort(p);
    }
    return true;
}

/* Parses the 'size' bytes in 'input' as exactly one text, feeding them in
 * chunks, and prints it.  Returns false if there was an error. */
static bool
parse_single(const char *input, size_t size,
             const struct test_json_options *o)
{
    struct json_parser *p = json_parser_create(o->parse_flags
                                               | JSPF_TRAILER);
    size_t ofs = 0;

    json_parser_set_max_size(p, o->max_size);
    while (ofs < size) {
        size_t chunk = next_chunk(o, size - ofs);
        size_t used = json_parser_feed(p, &input[ofs], chunk);

        ofs += chunk;
        if (used < chunk) {
            break;
        }
    }
    return print_result(p, o);
}

/* "escape STRING...". */
static void
test_json_escape(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        json_string_escape(argv[i], &ds);
        puts(ds_cstr(&ds));
        ds_destroy(&ds);
    }
}

/* "build": exercises the constructors and helpers. */
static void
test_json_build(void)
{
    json_t *elems[2];
    json_t *obj = json_object_create();
    json_t *json;
    char *s;

    json_object_put(obj, "z", json_integer_create(-5));
    json_object_put_string(obj, "a", "str");
    json_object_put_format(obj, "m", "%d-%s", 42, "x");
    json_object_put(obj, "n", json_null_create());
    json_object_put(obj, "b", json_boolean_create(false));

    elems[0] = json_real_create(0.25);
    elems[1] = json_boolean_create(true);
    json = json_array_create_3(
        obj,
        json_array_create(elems, 2),
        json_array_create_2(json_string_create_n("ab\0c", 4),
                            json_array_create_1(json_array_create_empty())));
    json_array_add(json, json_string_create_nocopy(xstrdup("end")));

    s = json_to_string(json, 0);
    puts(s);
    free(s);
    s = json_to_string(json, JSSF_SORT);
    puts(s);
    free(s);

    /* Hashing ignores member order; cloning shares or copies. */
    json_t *copy = json_deep_clone(json);
    json_t *obj2 = json_object_create();
    const char *name;
    json_t *value;
    json_object_foreach (obj, name, value) {
        json_object_put(obj2, name, json_clone(value));
    }
    json_object_del(obj2, "z");
    json_object_put(obj2, "z", json_integer_create(-5));
    ovs_assert(json_equal(obj, obj2));
    ovs_assert(json_hash(obj, 0) == json_hash(obj2, 0));
    ovs_assert(json_hash(obj, 0) != json_hash(obj, 1));
    ovs_assert(json_equal(copy, json) && copy != json);
    ovs_assert(json_hash(copy, 7) == json_hash(json, 7));
    printf("%s %s %s %s\n", json_type_to_string(json_typeof(json)),
           json_type_to_string(json_typeof(elems[0])),
           json_type_to_string(json_typeof(obj)),
           json_type_to_string(JSON_INTEGER));
    json_destroy(obj2);
    json_destroy(copy);
    json_destroy(json);
}

static void
test_json_main(int argc, char *argv[])
{
    enum {
        OPT_MULTIPLE = UCHAR_MAX + 1,
        OPT_CHUNK,
        OPT_RANDOM,
        OPT_MAX_SIZE,
        OPT_VALUE,
        OPT_PRETTY,
        OPT_SORT
    };
    static const struct option long_options[] = {
        {"multiple", no_argument, NULL, OPT_MULTIPLE},
        {"chunk", required_argument, NULL, OPT_CHUNK},
        {"random", required_argument, NULL, OPT_RANDOM},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"value", no_argument, NULL, OPT_VALUE},
        {"pretty", no_argument, NULL, OPT_PRETTY},
        {"sort", no_argument, NULL, OPT_SORT},
        {NULL, 0, NULL, 0},
    };
    struct test_json_options o = { .multiple = false };
    struct ds input = DS_EMPTY_INITIALIZER;
    bool ok;

    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_MULTIPLE:
            o.multiple = true;
            break;
        case OPT_CHUNK:
            o.chunk = atoi(optarg);
            break;
        case OPT_RANDOM:
            o.random = true;
            random_set_seed(atoi(optarg));
            break;
        case OPT_MAX_SIZE:
            o.max_size = atoi(optarg);
            break;
        case OPT_VALUE:
            o.parse_flags |= JSPF_VALUE;
            break;
        case OPT_PRETTY:
            o.print_flags |= JSSF_PRETTY;
            break;
        case OPT_SORT:
            o.print_flags |= JSSF_SORT;
            break;
        default:
            exit(EXIT_FAILURE);
        }
    }

    if (optind < argc && !strcmp(argv[optind], "escape")) {
        test_json_escape(argc - optind, argv + optind);
        return;
    } else if (optind < argc && !strcmp(argv[optind], "build")) {
        test_json_build();
        return;
    } else if (optind + 1 != argc) {
        ovs_fatal(0, "usage: test-json [OPTIONS] FILE");
    }

    read_file(argv[optind], &input);
    ok = (o.multiple
          ? parse_multiple(input.string ? input.string : "", input.length,
                           &o)
          : parse_single(input.string ? input.string : "", input.length,
                         &o));
    ds_destroy(&input);
    exit(ok ? 0 : 1);
}

OVSTEST_REGISTER("test-json", test_json_main);
