// Label each line of standard input with a peer library, one label a line:
//   node eval-peers.js vader|sentiment|multilang-nl < texts
// vader-sentiment: compound >= 0.05 positive, <= -0.05 negative (its authors'
// convention); sentiment and multilang-sentiment: the sign of the score.
'use strict';
const which = process.argv[2];
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
let label;
if (which === 'vader') {
	const v = require('vader-sentiment');
	label = (t) => {
		const c = v.SentimentIntensityAnalyzer.polarity_scores(t).compound;
		return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
	};
} else if (which === 'sentiment') {
	const S = new (require('sentiment'))();
	label = (t) => {
		const s = S.analyze(t).score;
		return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
	};
} else if (which === 'multilang-nl') {
	const m = require('multilang-sentiment');
	label = (t) => {
		const s = m(t, 'nl').score;
		return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
	};
} else {
	console.error('usage: eval-peers.js vader|sentiment|multilang-nl');
	process.exit(2);
}
process.stdout.write(lines.map(label).join('\n') + (lines.length ? '\n' : ''));
