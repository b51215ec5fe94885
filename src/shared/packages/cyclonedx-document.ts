/**
 * An image's packages as a CycloneDX 1.5 JSON BOM (https://cyclonedx.org/docs/1.5/json/): the
 * image as the metadata's `container` component, one `library` component per package with its
 * purl, and where it was installed and its size as `dockwright:` properties.
 */
import { installedBy, type SbomInput } from './sbom-input';
import { packageUrl } from './package-url';

/** A CycloneDX 1.5 component as Dockwright writes it. */
export interface CycloneDxComponent {
  type: 'library' | 'container' | 'application';
  'bom-ref'?: string;
  group?: string;
  name: string;
  version: string;
  purl?: string;
  licenses?: { license: { name: string } }[];
  properties?: { name: string; value: string }[];
}

/** A CycloneDX 1.5 JSON BOM. */
export interface CycloneDxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: CycloneDxComponent[] };
    component: CycloneDxComponent;
  };
  components: CycloneDxComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const IMAGE_REF = 'image';

/** The CycloneDX 1.5 BOM of an image's packages. */
export function cyclonedxDocument(input: SbomInput): CycloneDxBom {
  const { list } = input;
  const components = list.packages.map((entry, index): CycloneDxComponent => {
    const scoped = entry.kind === 'npm' && entry.name.startsWith('@') && entry.name.includes('/');
    const properties = [
      { name: 'dockwright:package:kind', value: entry.kind },
      { name: 'dockwright:package:path', value: `/${entry.path}` },
      { name: 'dockwright:layer:index', value: String(entry.place.layerIndex) },
      { name: 'dockwright:installed-by', value: installedBy(entry) },
    ];
    if (entry.place.line !== null)
      properties.push({ name: 'dockwright:dockerfile:line', value: String(entry.place.line) });
    if (entry.sizeBytes !== null)
      properties.push({ name: 'dockwright:installed-size', value: String(entry.sizeBytes) });
    if (entry.arch !== null) properties.push({ name: 'dockwright:package:arch', value: entry.arch });
    return {
      type: 'library',
      'bom-ref': `package-${index + 1}`,
      ...(scoped ? { group: entry.name.slice(0, entry.name.indexOf('/')) } : {}),
      name: scoped ? entry.name.slice(entry.name.indexOf('/') + 1) : entry.name,
      version: entry.version,
      purl: packageUrl(entry, list.distribution),
      ...(entry.license ? { licenses: [{ license: { name: entry.license } }] } : {}),
      properties,
    };
  });
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${input.uuid}`,
    version: 1,
    metadata: {
      timestamp: input.created.toISOString(),
      tools: { components: [{ type: 'application', name: 'Dockwright', version: input.toolVersion }] },
      component: { type: 'container', 'bom-ref': IMAGE_REF, name: input.ref, version: list.imageId },
    },
    components,
    dependencies: [{ ref: IMAGE_REF, dependsOn: components.map((component) => component['bom-ref']!) }],
  };
}
