/**
 * Validation of the deployment files, run in {@code ./mvnw verify}: the Helm chart in {@code helm/mediamesh} linted
 * and rendered by the real Helm library (helm-java), {@code docker-compose.yml} with {@code .env}, the Dockerfiles in
 * {@code docker/} and the scripts the images and the chart ship (run with bash against local servers). Every
 * environment name the files set is checked against what the service reads ({@link io.mediamesh.deploy.Settings}).
 *
 * <p>Reads files of the repository only; starts no container, needs no Docker engine or Kubernetes. Must not depend on
 * anything but the service modules' classes (test scope), helm-java, SnakeYAML and JUnit/AssertJ.
 */
package io.mediamesh.deploy;
