import schemaFile from '../../../../schemas/istio-yaml-config.schema.json';

/**
 * The JSON Schema of `.istio-yaml.yaml`: one file, `schemas/istio-yaml-config.schema.json`, which the YAML extension
 * completes from (package.json `yamlValidation`) and which is bundled here to validate the file and complete it.
 */
export const configSchema = schemaFile;
