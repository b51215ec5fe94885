/**
 * What the wizard cannot promise about a Ruby image: Rails' master key and precompiled assets,
 * and a Rack or Sinatra start command whose server gem the Gemfile does not name.
 */
import type { WizardProblem } from '../wizard-template';
import type { RubyAnswers } from './ruby-template';

const SERVER_GEMS = ['puma', 'thin', 'webrick', 'falcon', 'unicorn'];

/** What the wizard cannot promise about a Ruby image. */
export function rubyCautions(answers: RubyAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  const typed = answers.startCommand !== null;
  if (answers.framework === 'rails') {
    cautions.push({
      field: 'env',
      message:
        'Rails needs its master key at run time to read config/credentials.yml.enc: pass it with ' +
        '`docker run -e RAILS_MASTER_KEY=…` (the contents of config/master.key, which the image never contains).',
    });
    if (answers.assets) {
      cautions.push({
        field: 'assets',
        message:
          'The app has app/assets, and production serves them precompiled: add `RUN SECRET_KEY_BASE_DUMMY=1 ' +
          'bin/rails assets:precompile` after COPY . . (it may need Node.js), or pages load without their CSS and JavaScript.',
      });
    }
  }
  if (!typed && answers.rackConfig && answers.framework !== 'none' && answers.framework !== 'rails') {
    if (!answers.gems.includes('puma') && !answers.gems.includes('rackup')) {
      cautions.push({
        field: 'gems',
        message:
          'The start command runs `rackup`, but the Gemfile names neither rackup nor puma: since Rack 3 ' +
          '`rackup` is a gem of its own. Add `gem "puma"` to the Gemfile.',
      });
    }
  } else if (
    !typed &&
    answers.framework === 'sinatra' &&
    !SERVER_GEMS.some((gem) => answers.gems.includes(gem))
  ) {
    cautions.push({
      field: 'gems',
      message:
        '`ruby app.rb` needs a web server gem, and the Gemfile names none (puma, thin, webrick): add `gem "puma"`.',
    });
  }
  return cautions;
}
