// Ported from hadolint test/Hadolint/Rule/DL3028Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 26 cases, as DW021 (pin gem versions).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3028 as DW021: pin gem versions', () => {
  const count = runSpecTable({ ruleId: 'DW021', from: 'FROM ruby:3.3-slim' }, [
    catches('RUN gem i bundler'),
    onBuildCatches('RUN gem i bundler'),
    catchesNot('RUN gem i bundler:1'),
    onBuildCatchesNot('RUN gem i bundler:1'),
    catches('RUN gem i bunlder:1 nokogiri'),
    onBuildCatches('RUN gem i bunlder:1 nokogiri'),
    catchesNot('RUN gem i bunlder:1 nokogirii:1'),
    onBuildCatchesNot('RUN gem i bunlder:1 nokogiri:1'),
    catches('RUN gem install bundler'),
    onBuildCatches('RUN gem install bundler'),
    catchesNot('RUN gem install bundler:1'),
    onBuildCatchesNot('RUN gem install bundler:1'),
    catchesNot("RUN gem install bundler -v '2.0.1'"),
    onBuildCatchesNot("RUN gem install bundler -v '2.0.1'"),
    catchesNot("RUN gem install bundler --version '2.0.1'"),
    onBuildCatchesNot("RUN gem install bundler --version '2.0.1'"),
    catchesNot("RUN gem install bundler --version='2.0.1'"),
    onBuildCatchesNot("RUN gem install bundler --version='2.0.1'"),
    catchesNot('RUN gem install bundler:2.0.1 -- --use-system-libraries=true'),
    onBuildCatchesNot('RUN gem install bundler:2.0.1 -- --use-system-libraries=true'),
    catchesNot('RUN gem install bundler:2.0.1 -- --use-system-libraries true'),
    onBuildCatchesNot('RUN gem install bundler:2.0.1 -- --use-system-libraries true'),
    catchesNot('RUN gem install bundler:2.0.1 --use-system-libraries true'),
    onBuildCatchesNot('RUN gem install bundler:2.0.1 --use-system-libraries true'),
    catchesNot('RUN gem install bundler:2.0.1 --use-system-libraries=true'),
    onBuildCatchesNot('RUN gem install bundler:2.0.1 --use-system-libraries=true'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(26));
});
