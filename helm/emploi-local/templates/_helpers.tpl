{{/* Names are prefixed with the release so that two releases can share a namespace. */}}
{{- define "emploi-local.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "emploi-local.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "emploi-local.labels" -}}
{{ include "emploi-local.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "emploi-local.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag | quote }}
{{- end -}}

{{- define "emploi-local.configName" -}}
{{ include "emploi-local.fullname" . }}-config
{{- end -}}

{{- define "emploi-local.secretName" -}}
{{ .Values.secrets.existingSecret | default (printf "%s-secrets" (include "emploi-local.fullname" .)) }}
{{- end -}}

{{- define "emploi-local.mediaClaimName" -}}
{{ .Values.media.existingClaim | default (printf "%s-media" (include "emploi-local.fullname" .)) }}
{{- end -}}

{{/*
Hook resources (ConfigMap, Secret) are not part of the release: a pod template hashes them
so that changing a setting rolls the pods.
*/}}
{{- define "emploi-local.configChecksum" -}}
{{ print (include (print .Template.BasePath "/configmap.yaml") .) (include (print .Template.BasePath "/secret.yaml") .) | sha256sum }}
{{- end -}}

{{/*
Same user as the image (Dockerfile: USER 10001). fsGroup makes the media volume writable
where the storage driver supports it.
*/}}
{{- define "emploi-local.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "emploi-local.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Settings and secrets, read by every container. */}}
{{- define "emploi-local.envFrom" -}}
- configMapRef:
    name: {{ include "emploi-local.configName" . }}
- secretRef:
    name: {{ include "emploi-local.secretName" . }}
{{- end -}}

{{/* The root filesystem is read-only: Python, gunicorn and Celery write temporary files here. */}}
{{- define "emploi-local.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{- define "emploi-local.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "emploi-local.mediaVolume" -}}
- name: media
  persistentVolumeClaim:
    claimName: {{ include "emploi-local.mediaClaimName" . }}
{{- end -}}

{{- define "emploi-local.mediaMount" -}}
- name: media
  mountPath: {{ .Values.media.mountPath }}
{{- end -}}

{{- define "emploi-local.scheduling" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
