/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "test-uuid generate N" prints N random UUIDs; "test-uuid parse S..."
 * parses and reprints each S or says it is invalid. */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "ovstest.h"
#include "uuid.h"

static void
test_generate(int argc OVS_UNUSED, char *argv[])
{
    int i, n = atoi(argv[1]);

    for (i = 0; i < n; i++) {
        struct uuid uuid;

        uuid_generate(&uuid);
        printf(UUID_FMT"\n", UUID_ARGS(&uuid));
    }
}

static void
test_parse(int argc, char *argv[])
{
    int i;

    for (i = 1; i < argc; i++) {
        struct uuid uuid;

        if (uuid_from_string(&uuid, argv[i])) {
            printf(UUID_FMT"\n", UUID_ARGS(&uuid));
        } else {
            printf("invalid: %s (partial %d)\n", argv[i],
                   uuid_is_partial_string(argv[i]));
        }
    }
}

static void
test_uuid_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "generate", 1, 1, test_generate },
        { "parse", 0, 100, test_parse },
        { NULL, 0, 0, NULL },
    };

    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-uuid", test_uuid_main);
