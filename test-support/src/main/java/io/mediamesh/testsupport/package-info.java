/**
 * Helpers shared by the tests of every module: hex byte vectors, a fake clock, and the runner for real clients
 * (headless Chromium). Only test scopes depend on this module.
 */
package io.mediamesh.testsupport;
