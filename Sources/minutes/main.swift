print("minutes")
