"""Text for the ear: every case of the issue's point 5, on real sentences from the corpus (an-0NN.md/.txt).

Where the corpus has no instance (currency, ordinals, arXiv ids in running text, Llama-3.1-70B), the sentence
is a corpus sentence with that token put in, and says so."""
import pytest

from podcast.scripting.ear import for_the_ear


@pytest.mark.parametrize("written, spoken", [
    # ranges, "~", percentages (an-099)
    ("TextFooler is tested on three state-of-the-art NLP models-- WordCNN, WordLSTM, and BERT, all trained to ~80 - 90% test accuracy.",
     "TextFooler is tested on three state-of-the-art NLP models, WordCNN, WordLSTM, and BERT, all trained to about eighty to ninety percent test accuracy."),
    # "~N%" and "N-M%" (an-080)
    ("I'd assign ~30%, while Adam assigns 10-20%.", "I'd assign about thirty percent, while Adam assigns ten to twenty percent."),
    # "~N" before a plain number (an-084), "1.6k"
    ("The full post has a preamble (~700 words), this short version / summary (~1.6k words), and a long version (~8.3k words).",
     "The full post has a preamble (about seven hundred words), this short version or summary (about one point six thousand words), and a long version (about eight point three thousand words)."),
    # bracketed issue references and years (an-099)
    ("Given the exponential increase ( AN #7 ) in compute used for state-of-the-art results in ML,",
     "Given the exponential increase in compute used for state-of-the-art results in ML,"),
    ("has increased by a factor of 7.5 million (!) in 2018 relative to 2012.",
     "has increased by a factor of seven point five million in twenty eighteen relative to twenty twelve."),
    # decimals with percentages (an-099, an-083)
    ("BERT's after-attack accuracy on one dataset went from 11.5% to 18.7%, and on another went from 4.0% to 8.3%.",
     "BERT's after-attack accuracy on one dataset went from eleven point five to eighteen point seven percent, and on another went from four point zero to eight point three percent."),
    ("ReMixMatch on CIFAR-10 obtains 84.92% accuracy using only 4 labeled examples per class.",
     "ReMixMatch on CIFAR ten obtains eighty four point nine two percent accuracy using only four labeled examples per class."),
    # numbers with thousands separators (an-079, an-091)
    ("Agents strongly overfit to small training sets and need access to as many as 10,000 levels to generalize appropriately.",
     "Agents strongly overfit to small training sets and need access to as many as ten thousand levels to generalize appropriately."),
    ("The author attempted to replicate 255 machine learning papers, of which 162 were successfully replicated",
     "The author attempted to replicate two hundred and fifty five machine learning papers, of which one hundred and sixty two were successfully replicated"),
    # model and dataset names (an-099, an-091, an-083, an-079)
    ("following OpenAI’s staged release of GPT-2.", "following OpenAI’s staged release of GPT two."),
    ("They find that the Compressive Transformer improves on TransformerXL on their new PG-19 dataset and is state of the art on the already existing WikiText-103 and Enwik8 benchmarks.",
     "They find that the Compressive Transformer improves on TransformerXL on their new PG nineteen dataset and is state of the art on the already existing WikiText one oh three and Enwik eight benchmarks."),
    ("On Catastrophic Interference in Atari 2600 Games", "On Catastrophic Interference in Atari twenty six hundred Games"),
    ("This knowledge is then distilled into TD3 for later use as a prior for MPPI.",
     "This knowledge is then distilled into TD three for later use as a prior for MPPI."),
    # Llama-3.1-70B and ResNet-50 put into an-099's sentence
    ("TextFooler is tested on Llama-3.1-70B and ResNet-50.", "TextFooler is tested on Llama three point one seventy B and ResNet fifty."),
    # units (an-085)
    ("The authors mined social media to find 341 GB of public domain conversations.",
     "The authors mined social media to find three hundred and forty one gigabytes of public domain conversations."),
    # multiples (an-085)
    ("if we only consider AI systems that are (say) 10x more intelligent than us",
     "if we only consider AI systems that are (say) ten times more intelligent than us"),
    # currency and ordinals, put into an-099's news item
    ("BERI is expanding its offerings with $4.5 million for its 2nd round.",
     "BERI is expanding its offerings with four point five million dollars for its second round."),
    ("The prize is $1,250.50 for the 23rd entry.", "The prize is one thousand, two hundred and fifty dollars, fifty cents for the twenty third entry."),
    # e.g., i.e., et al., vs. (an-099, an-080, an-085, an-091)
    ("on augmented observations (e.g. observations that have been randomly cropped)?",
     "on augmented observations (for example, observations that have been randomly cropped)?"),
    ("it's only 10-20% likely that AGI comes only from small variations of current techniques (i.e. by vastly increasing data and compute)",
     "it's only ten to twenty percent likely that AGI comes only from small variations of current techniques (that is, by vastly increasing data and compute)"),
    ("At first this paper appeared more ambitious than Saxton et al. (2019) , but it ended up",
     "At first this paper appeared more ambitious than Saxton and others (twenty nineteen), but it ended up"),
    ("TanksWorld consists of two teams of N vs. N tanks.", "TanksWorld consists of two teams of N versus N tanks."),
    # AN #73 references and "#100" (an-100)
    ("as discussed in AN #73, the norms", "as discussed in Alignment Newsletter number seventy three, the norms"),
    ("Newsletter #100 (!!)", "Newsletter number one hundred"),
    # arXiv ids, from corpus links, put into running text
    ("Read it as arXiv:1912.02875v1 or 2004.13654.",
     "Read it as arXiv one nine one two dot zero two eight seven five version one or arXiv two zero zero four dot one three six five four."),
    # spacing of the flattened email, dashes and slashes (an-099, an-096)
    ("If you’re a member of a research group, you can apply here .", "If you’re a member of a research group, you can apply here."),
    ("the successor to Go-Explore ( AN #35 ).", "the successor to Go-Explore."),
    ("a dictionary lookup task -- given one transformed image", "a dictionary lookup task, given one transformed image"),
    ("Buck and I discuss/argue about AI Alignment", "Buck and I discuss or argue about AI Alignment"),
    # URLs are never read
    ("Read it at https://arxiv.org/abs/2004.13654 today.", "Read it at today."),
])
def test_corpus_sentences(written, spoken):
    assert for_the_ear(written) == spoken


def test_no_url_is_ever_read():
    assert "http" not in for_the_ear("See http://rohinshah.com/alignment-newsletter/ and www.example.org/x.")
