"""The encoder's forward pass with shared pieces gives the backend's own vectors."""

import numpy as np
import pytest

from workbench.matching import encoder, pieces
from workbench.matching.pieces import SharedPieces

TEXTS = [
    "Die Stadtwerke haben im vergangenen Jahr 40 neue Elektrobusse in Dienst gestellt.",
    "Vierzig E-Busse wurden 2024 von den kommunalen Verkehrsbetrieben angeschafft.",
    "Die Stadtwerke haben 40 Elektrobusse gekauft. Die Stadtwerke haben 40 Elektrobusse.",
    "The council approved a budget that raises spending on schools by 4 percent.",
    "Education funding will grow 4 percent under the plan councillors passed.",
    "",
    "Ja.",
    "Okonjo " * 400,
]


@pytest.fixture(scope="module")
def backend():
    return encoder.encoder().model.backend


def test_the_encoder_reads_with_shared_pieces():
    assert isinstance(encoder.encoder().model, SharedPieces)


def test_vectors_equal_the_backends_own(backend):
    expected = backend.encode(TEXTS)
    found = SharedPieces(backend).encode(TEXTS)
    assert found.shape == expected.shape
    assert np.abs(found - expected).max() < 1e-4
    assert np.allclose(np.linalg.norm(found, axis=1), 1.0, atol=1e-4)


def test_a_call_split_into_chunks_reads_each_text_as_alone(backend, monkeypatch):
    alone = np.stack([SharedPieces(backend).encode([t])[0] for t in TEXTS])
    monkeypatch.setattr(pieces, "CHUNK", 40)  # every chunk ends inside the texts
    assert np.abs(SharedPieces(backend).encode(TEXTS) - alone).max() < 1e-4


def test_a_backend_without_the_weights_it_reads_is_not_taken():
    class Other:
        def encode(self, texts):
            return np.zeros((len(texts), 3))

    assert not SharedPieces.fits(Other())
