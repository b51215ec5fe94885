/**
 * The SPDX and CycloneDX documents, checked against their JSON schemas' required fields, allowed
 * fields (both schemas forbid others: `additionalProperties: false`), enums and patterns. Ported
 * from spdx/spdx-spec schemas/spdx-schema.json on branch support/2.3
 * (ed8c9b520963b651fce3c86422b387e92e6d9a8f) and CycloneDX/specification schema/bom-1.5.schema.json
 * (e02a34ae42a48239f54e04f75280b9000b29f1fb).
 */
import { describe, expect, it } from 'vitest';
import type { ImagePackage, PackageList } from '../../../../src/shared/packages/list-image-packages';
import { cyclonedxDocument } from '../../../../src/shared/packages/cyclonedx-document';
import { spdxDocument } from '../../../../src/shared/packages/spdx-document';
import type { SbomInput } from '../../../../src/shared/packages/sbom-input';

const SPDX = {
  required: ['SPDXID', 'creationInfo', 'dataLicense', 'name', 'spdxVersion'],
  allowed:
    'SPDXID,annotations,comment,creationInfo,dataLicense,externalDocumentRefs,hasExtractedLicensingInfos,name,revieweds,spdxVersion,documentNamespace,documentDescribes,packages,files,snippets,relationships',
  creationInfoRequired: ['created', 'creators'],
  packageRequired: ['SPDXID', 'downloadLocation', 'name'],
  packageAllowed:
    'SPDXID,annotations,attributionTexts,builtDate,checksums,comment,copyrightText,description,downloadLocation,externalRefs,filesAnalyzed,hasFiles,homepage,licenseComments,licenseConcluded,licenseDeclared,licenseInfoFromFiles,name,originator,packageFileName,packageVerificationCode,primaryPackagePurpose,releaseDate,sourceInfo,summary,supplier,validUntilDate,versionInfo',
  externalRefRequired: ['referenceCategory', 'referenceLocator', 'referenceType'],
  referenceCategories: ['OTHER', 'PERSISTENT-ID', 'SECURITY', 'PACKAGE-MANAGER'],
  purposes: [
    'OTHER',
    'INSTALL',
    'ARCHIVE',
    'FIRMWARE',
    'APPLICATION',
    'FRAMEWORK',
    'LIBRARY',
    'CONTAINER',
    'SOURCE',
    'DEVICE',
    'OPERATING_SYSTEM',
    'FILE',
  ],
  relationshipRequired: ['spdxElementId', 'relatedSpdxElement', 'relationshipType'],
};

const CDX = {
  required: ['bomFormat', 'specVersion'],
  allowed:
    '$schema,bomFormat,specVersion,serialNumber,version,metadata,components,services,externalReferences,dependencies,compositions,vulnerabilities,annotations,formulation,properties,signature',
  metadataAllowed: 'timestamp,lifecycles,tools,authors,component,manufacture,supplier,licenses,properties',
  componentRequired: ['type', 'name'],
  componentAllowed:
    'type,mime-type,bom-ref,supplier,author,publisher,group,name,version,description,scope,hashes,licenses,copyright,cpe,purl,swid,modified,pedigree,externalReferences,components,evidence,releaseNotes,modelCard,data,properties,signature',
  componentTypes: [
    'application',
    'framework',
    'library',
    'container',
    'platform',
    'operating-system',
    'device',
    'device-driver',
    'firmware',
    'file',
    'machine-learning-model',
    'data',
  ],
  serialNumber: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

const keysWithin = (value: object, allowed: string) => {
  const names = allowed.split(',');
  expect(Object.keys(value).filter((key) => !names.includes(key))).toEqual([]);
};
const requires = (value: object, required: string[]) => {
  for (const key of required) expect(value, key).toHaveProperty([key]);
};

const place = (layerIndex: number, line: number | null, fromBaseImage = false): ImagePackage['place'] => ({
  layerIndex,
  historyIndex: layerIndex + 1,
  line,
  lineText: line === null ? null : 'RUN npm ci',
  instruction: line === null ? '' : 'RUN npm ci',
  fromBaseImage,
});
const PACKAGES: ImagePackage[] = [
  {
    kind: 'deb',
    name: 'libc6',
    version: '2.36-9+deb12u4',
    arch: 'amd64',
    sizeBytes: 12_985_344,
    source: 'glibc',
    license: null,
    path: 'var/lib/dpkg/status',
    place: place(0, null, true),
  },
  {
    kind: 'npm',
    name: '@babel/core',
    version: '7.24.0',
    arch: null,
    sizeBytes: 1_500_000,
    source: null,
    license: 'MIT',
    path: 'app/node_modules/@babel/core',
    place: place(2, 4),
  },
  {
    kind: 'python',
    name: 'Flask',
    version: '2.2.2',
    arch: null,
    sizeBytes: null,
    source: null,
    license: 'BSD-3-Clause',
    path: 'usr/lib/python3/dist-packages/Flask-2.2.2.egg-info',
    place: place(0, null, true),
  },
];
const LIST: PackageList = {
  imageId: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  distribution: { id: 'debian', versionId: '12' },
  packages: PACKAGES,
  totals: [],
  notes: [],
};
const INPUT: SbomInput = {
  ref: 'dockwright-test/app:1.0',
  list: LIST,
  created: new Date('2026-11-30T22:30:01.234Z'),
  uuid: '3e671687-395b-41f5-a30f-a58921a69b79',
  toolVersion: '0.1.0',
};

describe('spdxDocument', () => {
  const doc = spdxDocument(INPUT);

  it('has the fields SPDX 2.3 requires and no others', () => {
    requires(doc, SPDX.required);
    keysWithin(doc, SPDX.allowed);
    requires(doc.creationInfo, SPDX.creationInfoRequired);
    for (const entry of doc.packages) {
      requires(entry, SPDX.packageRequired);
      keysWithin(entry, SPDX.packageAllowed);
      if (entry.primaryPackagePurpose) expect(SPDX.purposes).toContain(entry.primaryPackagePurpose);
      for (const ref of entry.externalRefs ?? []) {
        requires(ref, SPDX.externalRefRequired);
        expect(SPDX.referenceCategories).toContain(ref.referenceCategory);
      }
    }
    for (const relationship of doc.relationships) requires(relationship, SPDX.relationshipRequired);
  });

  it('says SPDX-2.3, CC0-1.0, a unique namespace and a creation time in whole seconds', () => {
    expect(doc).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'dockwright-test/app:1.0',
    });
    expect(doc.documentNamespace).toBe(
      'https://spdx.org/spdxdocs/dockwright-dockwright-test-app-1.0-3e671687-395b-41f5-a30f-a58921a69b79',
    );
    expect(doc.creationInfo).toEqual({
      created: '2026-11-30T22:30:01Z',
      creators: ['Tool: dockwright-0.1.0'],
    });
  });

  it('uses unique SPDX ids of the allowed form, and every relationship names existing elements', () => {
    const ids = doc.packages.map((entry) => entry.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    for (const relationship of doc.relationships) {
      expect([...ids, 'SPDXRef-DOCUMENT']).toContain(relationship.spdxElementId);
      expect(ids).toContain(relationship.relatedSpdxElement);
    }
  });

  it('describes the image as a container that contains each package, with its purl', () => {
    expect(doc.packages[0]).toMatchObject({
      SPDXID: 'SPDXRef-Image',
      name: 'dockwright-test/app:1.0',
      versionInfo: LIST.imageId,
      primaryPackagePurpose: 'CONTAINER',
    });
    expect(doc.relationships).toEqual([
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-Image',
      },
      {
        spdxElementId: 'SPDXRef-Image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: 'SPDXRef-Package-deb-1',
      },
      {
        spdxElementId: 'SPDXRef-Image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: 'SPDXRef-Package-npm-2',
      },
      {
        spdxElementId: 'SPDXRef-Image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: 'SPDXRef-Package-python-3',
      },
    ]);
    expect(
      doc.packages
        .slice(1)
        .map((entry) => [entry.name, entry.versionInfo, entry.externalRefs?.[0]?.referenceLocator]),
    ).toEqual([
      ['libc6', '2.36-9+deb12u4', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12'],
      ['@babel/core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
      ['Flask', '2.2.2', 'pkg:pypi/flask@2.2.2'],
    ]);
  });

  it('tells where each package came from and its size in the comment', () => {
    expect(doc.packages[2]?.comment).toBe(
      'Installed by Dockerfile line 4 (layer 3: RUN npm ci); 1500000 bytes installed.',
    );
    expect(doc.packages[1]?.comment).toBe('Installed by the base image (layer 1); 12985344 bytes installed.');
    expect(doc.packages[3]?.comment).toBe('Installed by the base image (layer 1).');
  });

  it('survives a JSON round trip unchanged (no undefined or dates inside)', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('cyclonedxDocument', () => {
  const bom = cyclonedxDocument(INPUT);

  it('has the fields CycloneDX 1.5 requires and no others', () => {
    requires(bom, CDX.required);
    keysWithin(bom, CDX.allowed);
    keysWithin(bom.metadata, CDX.metadataAllowed);
    expect(bom.serialNumber).toMatch(CDX.serialNumber);
    expect(bom.version).toBeGreaterThanOrEqual(1);
    for (const component of [bom.metadata.component, ...bom.metadata.tools.components, ...bom.components]) {
      requires(component, CDX.componentRequired);
      keysWithin(component, CDX.componentAllowed);
      expect(CDX.componentTypes).toContain(component.type);
      for (const licence of component.licenses ?? []) expect(licence.license.name).not.toBe('');
    }
  });

  it('says CycloneDX 1.5 with the time and the image as a container', () => {
    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    });
    expect(bom.metadata.timestamp).toBe('2026-11-30T22:30:01.234Z');
    expect(bom.metadata.component).toEqual({
      type: 'container',
      'bom-ref': 'image',
      name: 'dockwright-test/app:1.0',
      version: LIST.imageId,
    });
  });

  it('lists each package as a library with its purl, a scoped npm name split into group and name', () => {
    expect(
      bom.components.map((component) => [
        component.group ?? null,
        component.name,
        component.version,
        component.purl,
      ]),
    ).toEqual([
      [null, 'libc6', '2.36-9+deb12u4', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12'],
      ['@babel', 'core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
      [null, 'Flask', '2.2.2', 'pkg:pypi/flask@2.2.2'],
    ]);
    expect(bom.components[1]?.licenses).toEqual([{ license: { name: 'MIT' } }]);
  });

  it('keeps layer, line and size as properties', () => {
    expect(bom.components[1]?.properties).toEqual([
      { name: 'dockwright:package:kind', value: 'npm' },
      { name: 'dockwright:package:path', value: '/app/node_modules/@babel/core' },
      { name: 'dockwright:layer:index', value: '2' },
      { name: 'dockwright:installed-by', value: 'Dockerfile line 4 (layer 3: RUN npm ci)' },
      { name: 'dockwright:dockerfile:line', value: '4' },
      { name: 'dockwright:installed-size', value: '1500000' },
    ]);
  });

  it('has unique bom-refs and a dependency graph that names only them', () => {
    const refs = [bom.metadata.component, ...bom.components].map((component) => component['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    for (const dependency of bom.dependencies) {
      expect(refs).toContain(dependency.ref);
      for (const ref of dependency.dependsOn) expect(refs).toContain(ref);
    }
    expect(bom.dependencies[0]?.dependsOn).toHaveLength(3);
  });
});
