// Every suite on the embedded default: a PGlite test database (createTestDatabase).
import { carriersSuite } from "./suites/carriers.ts";
import { connectionsSuite } from "./suites/connections.ts";
import { installSuite } from "./suites/install.ts";
import { sessionSuite } from "./suites/sessions.ts";
import { vaultSuite } from "./suites/vault.ts";

installSuite("pglite");
sessionSuite("pglite");
vaultSuite("pglite");
connectionsSuite("pglite");
carriersSuite("pglite");
