/**
 * Python core metadata and RECORD. The texts are from the Debian bookworm stand-in image
 * (test/support/stand-in-images.ts): zipp's wheel-installed dist-info (METADATA head and its
 * whole RECORD, whose sizes add up to 8733) and Flask's egg-info PKG-INFO head.
 */
import { describe, expect, it } from 'vitest';
import {
  normalizePythonName,
  parsePythonMetadata,
  recordBytes,
} from '../../../../src/shared/packages/parse-python-metadata';

const ZIPP_METADATA = `Metadata-Version: 2.1
Name: zipp
Version: 1.0.0
Summary: Backport of pathlib-compatible object wrapper for zip files
Home-page: https://github.com/jaraco/zipp
Author: Jason R. Coombs
Author-email: jaraco@jaraco.com
Classifier: Development Status :: 5 - Production/Stable
Classifier: License :: OSI Approved :: MIT License
Requires-Python: >=2.7
License-File: LICENSE
Requires-Dist: more-itertools

.. image:: https://img.shields.io/pypi/v/zipp.svg

Name: not-a-header
`;

const ZIPP_RECORD = `zipp-1.0.0.dist-info/METADATA,sha256=EZ_5bMPoHlCFJ-S-1RwNhk9Y9ZdIpB9qnudi-2kOruA,1704
zipp-1.0.0.dist-info/RECORD,,
zipp-1.0.0.dist-info/WHEEL,sha256=bb2Ot9scclHKMOLDEHY6B2sicWOgugjFKaJsT7vwMQo,110
zipp-1.0.0.dist-info/top_level.txt,sha256=iAbdoSHfaGqBfVb2XuR9JqSQHCoOsOtG6y9C_LSpqFw,5
zipp.py,sha256=DMfnxmb8z3Rgq6EqxpnWIA9P6NQAwTKHyTQ_WkOmt8s,6914
`;

const FLASK_PKG_INFO = `Metadata-Version: 2.1
Name: Flask
Version: 2.2.2
Summary: A simple framework for building complex web applications.
Home-page: https://palletsprojects.com/p/flask
Author: Armin Ronacher
Maintainer: Pallets
License: BSD-3-Clause
Project-URL: Donate, https://palletsprojects.com/donate
`;

describe('parsePythonMetadata', () => {
  it('reads Name and Version of a wheel METADATA and stops at the description', () => {
    expect(parsePythonMetadata(ZIPP_METADATA)).toEqual({
      name: 'zipp',
      version: '1.0.0',
      arch: null,
      sizeBytes: null,
      source: null,
      license: null,
    });
  });

  it('reads an egg-info PKG-INFO the same way, with its License', () => {
    expect(parsePythonMetadata(FLASK_PKG_INFO)).toMatchObject({
      name: 'Flask',
      version: '2.2.2',
      license: 'BSD-3-Clause',
    });
  });

  it('prefers License-Expression and drops UNKNOWN', () => {
    expect(
      parsePythonMetadata('Name: a\nVersion: 1\nLicense: MIT License\nLicense-Expression: MIT\n')?.license,
    ).toBe('MIT');
    expect(parsePythonMetadata('Name: a\nVersion: 1\nLicense: UNKNOWN\n')?.license).toBeNull();
  });

  it('is null without a name or a version', () => {
    expect(parsePythonMetadata('Metadata-Version: 2.1\nName: zipp\n')).toBeNull();
    expect(parsePythonMetadata('Version: 1.0\n')).toBeNull();
  });
});

describe('recordBytes', () => {
  it('adds the sizes of a real RECORD, rows without a size counting nothing', () => {
    expect(recordBytes(ZIPP_RECORD)).toBe(1704 + 110 + 5 + 6914);
  });

  it('reads quoted paths that hold commas and quotes, and CRLF rows', () => {
    const record =
      '"pkg/a,b.py",sha256=x,10\r\n"pkg/say ""hi"".txt",sha256=y,5\r\npkg/__pycache__/a.cpython-311.pyc,,\r\n';
    expect(recordBytes(record)).toBe(15);
  });
});

describe('normalizePythonName', () => {
  it.each([
    ['Flask', 'flask'],
    ['typing_extensions', 'typing-extensions'],
    ['zope.interface', 'zope-interface'],
    ['Foo__-.Bar', 'foo-bar'],
  ])('%s becomes %s', (name, normalized) => {
    expect(normalizePythonName(name)).toBe(normalized);
  });
});
