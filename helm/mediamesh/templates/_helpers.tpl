{{/* Names and labels. Every object is <release>-mediamesh-<component> unless the release is already named so. */}}
{{- define "mediamesh.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mediamesh.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "gateway") */}}
{{- define "mediamesh.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Pod labels: selector labels plus membership of the Hazelcast discovery Service. */}}
{{- define "mediamesh.podLabels" -}}
{{ include "mediamesh.selectorLabels" . }}
mediamesh.io/hazelcast: "true"
{{- end -}}

{{- define "mediamesh.image" -}}
{{ .root.Values.image.registry }}/{{ .service }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{- define "mediamesh.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-secret" (include "mediamesh.fullname" .)) -}}
{{- end -}}

{{- define "mediamesh.hazelcastService" -}}
{{ include "mediamesh.fullname" . }}-hazelcast
{{- end -}}

{{- define "mediamesh.mediaNodeService" -}}
{{ include "mediamesh.fullname" . }}-media-node
{{- end -}}

{{/* One environment variable from the cluster secret: (dict "root" $ "name" "MEDIAMESH_NODE_SECRET") */}}
{{- define "mediamesh.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "mediamesh.secretName" .root }}
      key: {{ .key | default "secret" }}
{{- end -}}

{{/* Hazelcast: every service is a member, found through the headless discovery Service (Kubernetes DNS mode). */}}
{{- define "mediamesh.clusterEnv" -}}
- name: MEDIAMESH_CLUSTER_ENABLED
  value: "true"
- name: MEDIAMESH_CLUSTER_CLUSTERNAME
  value: {{ .Values.cluster.name | quote }}
- name: MEDIAMESH_CLUSTER_PORT
  value: {{ .Values.cluster.hazelcastPort | quote }}
- name: MEDIAMESH_CLUSTER_PORTAUTOINCREMENT
  value: "false"
- name: MEDIAMESH_CLUSTER_KUBERNETES_SERVICEDNS
  value: {{ printf "%s.%s.svc.cluster.local" (include "mediamesh.hazelcastService" .) .Release.Namespace | quote }}
- name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
  value: "true"
{{- with .Values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Downward API: the pod's name and IP, the Kubernetes node's name and IP. */}}
{{- define "mediamesh.podEnv" -}}
- name: POD_NAME
  valueFrom: {fieldRef: {fieldPath: metadata.name}}
- name: POD_IP
  valueFrom: {fieldRef: {fieldPath: status.podIP}}
- name: HOST_IP
  valueFrom: {fieldRef: {fieldPath: status.hostIP}}
- name: NODE_NAME
  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
{{- end -}}

{{/* Liveness and readiness on the actuator's probe groups; startup allows a slow first boot. */}}
{{- define "mediamesh.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 2
  failureThreshold: 90
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}

{{/* Zone pinning of a pod: (dict "root" $ "zone" $zone) */}}
{{- define "mediamesh.zoneSelector" -}}
{{- if .zone.name }}
{{ .root.Values.zoneLabel }}: {{ .zone.name | quote }}
{{- end }}
{{- end -}}

{{/* Settings every overlay member (media node, RTMP ingest, SIP gateway) takes from where it runs. */}}
{{- define "mediamesh.overlayEnv" -}}
- name: MEDIAMESH_NODE_OVERLAY_PORT
  value: {{ .Values.mediaNode.overlayPort | quote }}
- name: START_PEERS_DNS
  value: {{ printf "%s.%s.svc.cluster.local" (include "mediamesh.mediaNodeService" .) .Release.Namespace | quote }}
{{- end -}}
