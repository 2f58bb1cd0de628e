import time
from tests.trust.world import build

def test_world(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    t = time.perf_counter()
    w = build(people, sample_city)
    print("build", time.perf_counter() - t)
    print(w.args)
