/**
 * An image's packages as an SPDX 2.3 JSON document (https://spdx.github.io/spdx-spec/v2.3/):
 * the image as a CONTAINER package the document DESCRIBES, which CONTAINS one package per
 * installed package, each with its purl. Licences are NOASSERTION: the records' licence texts are
 * not checked SPDX expressions, and an SBOM should not claim what was not concluded.
 */
import { installedBy, type SbomInput } from './sbom-input';
import { packageUrl } from './package-url';

/** The fields of an SPDX 2.3 package that Dockwright writes. */
export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: 'NOASSERTION';
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose?: 'CONTAINER';
  sourceInfo?: string;
  comment?: string;
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
}

/** An SPDX 2.3 JSON document. */
export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: {
    spdxElementId: string;
    relationshipType: 'DESCRIBES' | 'CONTAINS';
    relatedSpdxElement: string;
  }[];
}

const IMAGE_ID = 'SPDXRef-Image';

/** The SPDX 2.3 document of an image's packages. */
export function spdxDocument(input: SbomInput): SpdxDocument {
  const { list } = input;
  const image: SpdxPackage = {
    SPDXID: IMAGE_ID,
    name: input.ref,
    versionInfo: list.imageId,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
  };
  const packages = list.packages.map((entry, index): SpdxPackage => ({
    SPDXID: `SPDXRef-Package-${entry.kind}-${index + 1}`,
    name: entry.name,
    versionInfo: entry.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    sourceInfo: `read from /${entry.path} in the image`,
    comment:
      `Installed by ${installedBy(entry)}` +
      (entry.sizeBytes === null ? '.' : `; ${entry.sizeBytes} bytes installed.`),
    externalRefs: [
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: packageUrl(entry, list.distribution),
      },
    ],
  }));
  // SPDX wants the name of a namespace-less document unique by URI; it need not resolve.
  const slug = input.ref.replace(/[^A-Za-z0-9._-]+/g, '-');
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: input.ref,
    documentNamespace: `https://spdx.org/spdxdocs/dockwright-${slug}-${input.uuid}`,
    creationInfo: {
      // SPDX dates are `YYYY-MM-DDThh:mm:ssZ`, without fractions of a second.
      created: input.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: dockwright-${input.toolVersion}`],
    },
    packages: [image, ...packages],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
      ...packages.map((entry) => ({
        spdxElementId: IMAGE_ID,
        relationshipType: 'CONTAINS' as const,
        relatedSpdxElement: entry.SPDXID,
      })),
    ],
  };
}
